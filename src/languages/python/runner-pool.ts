// A pool of warm Python runners: least-loaded dispatch to responsive runners, crashed runners replaced
// with backoff, runners with a stuck call recycled, and the calls of a crashed runner re-run (PROTOCOL.md §8).
import { MotiaError } from '../../errors.js'
import type { FlowContext } from '../../types.js'
import type { RunnerLog } from './dispatch.js'
import { resolvePoolSize } from './pool-size.js'
import type { DescribeResult, InvokeParams } from './protocol.js'
import { Quarantine } from './quarantine.js'
import { isRerun, SUSPECT } from './runner-errors.js'
import { RunnerProcess } from './runner-process.js'
import type { RunnerProcessOptions } from './runner-process.js'

export interface RunnerPoolOptions extends RunnerProcessOptions {
  /** Number of runners. Default: `MOTIA_PYTHON_WORKERS`, else min(4, max(2, available cores)). */
  size?: number
  /** Delay before replacing a crashed runner: `baseMs * 2^(crashes in a row - 1)`, at most `maxMs`. */
  restartBackoff?: { baseMs: number; maxMs: number }
  /** How long a recycled runner's other calls may take to finish before it is stopped. Default 30 s. */
  recycleGraceMs?: number
}

interface Waiter {
  resolve: (runner: RunnerProcess) => void
  reject: (error: Error) => void
}

// A runner that lived this long before crashing resets the backoff.
const HEALTHY_MS = 10_000

export const DEFAULT_RECYCLE_GRACE_MS = 30_000

/**
 * @example
 * const pool = new RunnerPool({ root, python: '.venv/bin/python', size: 2, onLog: console.log })
 * await pool.start()
 * const result = await pool.invoke({ file, step, kind: 'event', input, traceId, flows: [], streams: [] }, context)
 * await pool.close()
 */
export class RunnerPool {
  readonly size: number
  readonly #options: RunnerPoolOptions
  readonly #onLog: RunnerLog
  readonly #all = new Set<RunnerProcess>()
  readonly #quarantine: Quarantine
  #ready: RunnerProcess[] = []
  #waiting: Waiter[] = []
  #crashStreak = 0
  #timers = new Set<NodeJS.Timeout>()
  #started: Promise<void> | undefined
  #closed = false
  #closing: Promise<void> | undefined

  constructor(options: RunnerPoolOptions) {
    this.#options = options
    this.#onLog = options.onLog ?? (() => {})
    this.size = resolvePoolSize(options.size, options.env ?? process.env)
    this.#quarantine = new Quarantine(options)
  }

  /** Pids of the runners that are ready now. */
  get pids(): number[] {
    return this.#ready.map((runner) => runner.pid!)
  }

  /** Starts every runner and waits for their hello; rejects (and stops the rest) if one fails. */
  start(): Promise<void> {
    this.#started ??= this.#startAll()
    return this.#started
  }

  /**
   * Runs a handler on the least loaded responsive runner. If that runner dies under it with other calls
   * in flight, the call is run again (alone, when it may be the cause): its caller sees the crash only
   * when this very call is what ends a runner.
   */
  invoke(params: InvokeParams, context: FlowContext, signal?: AbortSignal): Promise<unknown> {
    const runner = this.#pick()
    const run =
      runner !== undefined ? runner.invoke(params, context, signal) : this.#nextRunner(signal).then((next) => next.invoke(params, context, signal))
    return run.catch((error: unknown) => {
      if (!isRerun(error) || this.#closed) throw error
      return error.cause === SUSPECT ? this.#quarantine.run(params, context, signal) : this.invoke(params, context, signal)
    })
  }

  /** Reads a step file's config; `timeoutMs` bounds its import (see `RunnerProcess.describe`). */
  describe(file: string, timeoutMs?: number): Promise<DescribeResult> {
    const runner = this.#pick()
    if (runner !== undefined) return runner.describe(file, timeoutMs)
    return this.#nextRunner().then((next) => next.describe(file, timeoutMs))
  }

  /** Calls a stream file's `canAccess(subscription, authContext)` on a runner (PROTOCOL.md §4). */
  canAccess(file: string, subscription: unknown, authContext: unknown): Promise<unknown> {
    const runner = this.#pick()
    if (runner !== undefined) return runner.canAccess(file, subscription, authContext)
    return this.#nextRunner().then((next) => next.canAccess(file, subscription, authContext))
  }

  /** Shuts every runner down (in-flight work gets `graceMs`), then kills stragglers. Every call waits for it. */
  close(graceMs = 2000): Promise<void> {
    this.#closing ??= this.#closeAll(graceMs)
    return this.#closing
  }

  async #closeAll(graceMs: number): Promise<void> {
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#rejectWaiting(new MotiaError('E_SHUTTING_DOWN', 'The Python runner pool is closing; the call was not run.'))
    this.#ready = []
    await Promise.all([...[...this.#all].map((runner) => runner.close(graceMs)), this.#quarantine.close(graceMs)])
  }

  async #startAll(): Promise<void> {
    const results = await Promise.allSettled(Array.from({ length: this.size }, () => this.#spawn()))
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed === undefined) return
    await this.close(0)
    throw failed.reason
  }

  async #spawn(): Promise<RunnerProcess> {
    const runner = new RunnerProcess(this.#options)
    runner.onExit = (dead, reason) => this.#onExit(dead, reason)
    runner.onStuck = (stuck, reason) => this.#recycle(stuck, reason)
    runner.onResponsiveChange = (changed) => this.#onResponsiveChange(changed)
    this.#all.add(runner)
    try {
      await runner.start()
    } catch (error) {
      this.#all.delete(runner)
      throw error
    }
    if (this.#closed) {
      await runner.close(0)
      throw new MotiaError('E_SHUTTING_DOWN', 'The Python runner pool closed while a runner was starting.')
    }
    this.#ready.push(runner)
    for (const waiter of this.#waiting.splice(0)) waiter.resolve(this.#pick() ?? runner)
    return runner
  }

  // Least loaded wins; ties go to the first runner, so that a quiet pool keeps one runner warm
  // (sequential calls hopping between sleeping runners cost a wake-up each).
  #pick(): RunnerProcess | undefined {
    let best: RunnerProcess | undefined
    let bestLoad = Infinity
    for (const runner of this.#ready) {
      const load = runner.load
      if (load < bestLoad && runner.ready && runner.responsive) {
        best = runner
        bestLoad = load
        if (load === 0) break
      }
    }
    return best
  }

  // Waits for a runner to come (back) up; an abort (timeout, app stop) ends the wait.
  #nextRunner(signal?: AbortSignal): Promise<RunnerProcess> {
    if (this.#closed) return Promise.reject(new MotiaError('E_SHUTTING_DOWN', 'The Python runner pool is closed; the call was not run.'))
    if (this.#started === undefined) {
      return Promise.reject(new MotiaError('E_BAD_OPTION', 'The Python runner pool is not started: call `await pool.start()` first.', { retryable: false }))
    }
    return new Promise((resolve, reject) => {
      if (signal === undefined) {
        this.#waiting.push({ resolve, reject })
        return
      }
      const onAbort = () => {
        this.#waiting = this.#waiting.filter((w) => w !== waiter)
        reject(signal.reason)
      }
      const waiter: Waiter = {
        resolve: (runner) => (signal.removeEventListener('abort', onAbort), resolve(runner)),
        reject: (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(waiter)
    })
  }

  #rejectWaiting(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error)
  }

  #onExit(runner: RunnerProcess, reason: string): void {
    this.#all.delete(runner)
    this.#ready = this.#ready.filter((r) => r !== runner)
    if (this.#closed) return
    // A module that ends its runner at import is read once and then reported, never looped on: its
    // crash does not slow down the next restart.
    if (!runner.endedByImport) {
      this.#crashStreak = runner.readyAt > 0 && Date.now() - runner.readyAt >= HEALTHY_MS ? 1 : this.#crashStreak + 1
    }
    this.#scheduleRestart(`Python runner (pid ${runner.pid}) ${reason}`)
  }

  // A call that will not stop (a sync handler's thread) holds a thread of its runner for good: the
  // runner takes no new calls, a new one starts now, and the old one stops once its other calls are done.
  #recycle(runner: RunnerProcess, reason: string): void {
    if (this.#closed || !this.#ready.includes(runner)) return
    this.#ready = this.#ready.filter((r) => r !== runner)
    const others = runner.activeLoad
    this.#onLog(
      'warn',
      `Python runner (pid ${runner.pid}) is recycled: ${reason}; a new runner takes new calls, and this one stops once its ${others} other call(s) finish.`,
    )
    this.#startReplacement()
    const graceMs = this.#options.recycleGraceMs ?? DEFAULT_RECYCLE_GRACE_MS
    void runner.close(graceMs).then(() => this.#all.delete(runner))
  }

  #onResponsiveChange(runner: RunnerProcess): void {
    if (!runner.responsive || !this.#ready.includes(runner)) return
    for (const waiter of this.#waiting.splice(0)) waiter.resolve(this.#pick() ?? runner)
  }

  #scheduleRestart(what: string): void {
    const { baseMs = 100, maxMs = 5000 } = this.#options.restartBackoff ?? {}
    const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, this.#crashStreak - 1))
    this.#onLog('warn', `${what}; starting a new runner in ${delay} ms.`)
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#startReplacement()
    }, delay)
    this.#timers.add(timer)
  }

  #startReplacement(): void {
    this.#spawn().catch((error: Error) => {
      if (this.#closed) return
      // Calls waiting for a runner fail (retryable) rather than wait through repeated failures.
      if (this.#ready.length === 0) this.#rejectWaiting(error)
      this.#crashStreak++
      this.#scheduleRestart(`A new Python runner failed to start (${error.message.split('\n')[0]})`)
    })
  }
}
