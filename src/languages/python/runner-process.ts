// One Python runner process: spawn, hello, liveness, cancels, crash detection (PROTOCOL.md §1, §4, §6).
import type { ResultPromise } from 'execa'
import { MotiaError } from '../../errors.js'
import type { FlowContext } from '../../types.js'
import { createDispatcher } from './dispatch.js'
import type { RunnerLog } from './dispatch.js'
import { DEFAULT_CANCEL_GRACE_MS } from './runner-options.js'
import type { RunnerProcessOptions } from './runner-options.js'
import { PROTOCOL_VERSION } from './protocol.js'
import type { DescribeResult, HelloMessage, InvokeParams } from './protocol.js'
import { Session } from './session.js'
import { crashError, describeExit, importTimeoutError, INNOCENT, mismatchError, notReadyError, printedAtStartup, SUSPECT } from './runner-errors.js'
import { ImportWatch } from './import-watch.js'
import { Invocations } from './invocations.js'
import type { Running } from './invocations.js'
import { Liveness, livenessLine } from './liveness.js'
import { SignalGroups } from './signal-groups.js'
import { spawnRunner } from './spawn-runner.js'
import { StdinWriter } from './stdin-writer.js'
import { noteRunnerPid } from '../../traces/handler-span.js'

export type { RunnerProcessOptions } from './runner-options.js'
export { DEFAULT_CANCEL_GRACE_MS } from './runner-options.js'

const STDERR_TAIL = 20
const HEAD_BYTES = 200

export class RunnerProcess {
  readonly #options: RunnerProcessOptions
  readonly #onLog: RunnerLog
  readonly #session: Session
  readonly #invocations = new Invocations()
  readonly #imports = new ImportWatch(({ file, timeoutMs, reject }) => {
    reject(importTimeoutError(timeoutMs!))
    this.kill(`did not finish importing ${file} within ${timeoutMs} ms`)
  })
  readonly #signals = new SignalGroups((signal, ids) => this.#onAbort(signal, ids))
  readonly #stderrTail: string[] = []
  readonly #stdin = new StdinWriter()
  readonly #liveness: Liveness
  #subprocess: ResultPromise | undefined
  #head: Uint8Array = Buffer.alloc(0) // the first bytes on stdout, to explain a channel broken before the hello
  #ready = false
  #closing = false
  #exited = false
  #killReason: string | undefined
  #pings = 0
  // Set when the core killed the runner knowing which call was to blame: the others are innocent.
  #culpritKnown = false
  #exitWaiters: (() => void)[] = []
  #startWaiter: { resolve: (hello: HelloMessage) => void; reject: (error: Error) => void } | undefined
  /** How the runner ended ("was killed by SIGSEGV"), once it has. */
  exitReason: string | undefined
  /** When the hello arrived (ms since epoch), 0 before. */
  readyAt = 0
  /** The runner's hello frame, once received. */
  hello: HelloMessage | undefined
  /** Set when the runner ended because a step module's import crashed or hung it. */
  endedByImport = false
  /** Called once when the runner ends without `close()` having been called. */
  onExit: ((runner: RunnerProcess, reason: string) => void) | undefined
  /** Called once when a cancelled call outlives the grace while the loop still runs (a stuck thread). */
  onStuck: ((runner: RunnerProcess, reason: string) => void) | undefined
  /** Called when the watchdog finds the runner unresponsive, or responsive again. */
  onResponsiveChange: ((runner: RunnerProcess) => void) | undefined

  constructor(options: RunnerProcessOptions) {
    this.#options = options
    this.#onLog = options.onLog ?? (() => {})
    const runnerLog: RunnerLog = (level, message, fields) => this.#onLog(level, message, { runner: this.pid, ...fields })
    // A cancelled invocation can no longer act (its calls fail), but what it logs while it stops is
    // still a line of its step and trace.
    const calls = createDispatcher((id) => this.#invocations.contextOf(id), runnerLog)
    const notes = createDispatcher((id) => this.#invocations.get(id)?.context, runnerLog)
    this.#session = new Session((frame) => this.#stdin.write(frame), {
      onHello: (hello) => this.#onHello(hello),
      onCall: (method, params) => calls.call(method, params),
      onNotify: (method, params) => notes.notify(method, params),
    })
    this.#liveness = new Liveness(
      () => this.#ping(),
      (responsive, silentMs) => this.#onLiveness(responsive, silentMs),
      options.liveness,
      () => this.#imports.busy, // an import at load has its own timeout
    )
  }

  get pid(): number | undefined {
    return this.#subprocess?.pid
  }

  /** Calls in flight on this runner (invocations, describes; not pings). */
  get load(): number {
    return this.#session.pendingCount - this.#pings
  }

  /** Invocations in flight whose callers still wait for them (the cancelled ones not yet stopped left out). */
  get activeLoad(): number {
    return this.#invocations.active
  }

  /** Started, said hello, and neither closing, killed nor exited. */
  get ready(): boolean {
    return this.#ready && !this.#closing && !this.#exited && this.#killReason === undefined
  }

  get exited(): boolean {
    return this.#exited
  }

  /** False while the watchdog finds the runner's event loop blocked (PROTOCOL.md §4 `ping`). */
  get responsive(): boolean {
    return this.#liveness.responsive
  }

  /** Bytes of frames waiting for the runner's stdin: in the core, and in the stream. */
  get pendingWrites(): { queued: number; stream: number } {
    return { queued: this.#stdin.queuedBytes, stream: this.#stdin.streamBytes }
  }

  /** Spawns the runner and resolves with its hello once the protocol version matched. */
  start(): Promise<HelloMessage> {
    this.#subprocess = spawnRunner(this.#options, {
      onStdout: (chunk) => this.#onStdout(chunk),
      onStdoutEnd: () => {
        const truncated = this.#session.end()
        if (truncated) this.#onLog('warn', truncated.message, { runner: this.pid })
      },
      onStderrLine: (line) => this.#onStderr(line),
      onEnd: (code, signal, spawnError) => {
        if (spawnError !== undefined) this.#killReason = `could not be started (${spawnError})`
        this.#onEnded(code, signal)
      },
    })
    this.#stdin.attach(this.#subprocess.stdin!)
    const timeout = this.#options.startTimeoutMs ?? 30_000
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.kill(`did not say hello within ${timeout} ms`), timeout).unref()
      const clear = () => clearTimeout(timer)
      this.#startWaiter = {
        resolve: (hello) => (clear(), resolve(hello)),
        reject: (error) => (clear(), reject(error)),
      }
    })
  }

  /** Runs a step's handler; routes its context calls to `context`; on abort sends `cancel`. */
  invoke(params: InvokeParams, context: FlowContext, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      // Nothing would ever answer: the frames of a dead runner are dropped.
      if (this.#exited) return reject(crashError(this.pid ?? 0, this.exitReason ?? 'exited', `before step "${params.step}" was sent to it`))
      const running: Running = { context, step: params.step, reject, signal, ended: false }
      noteRunnerPid(context, this.pid)
      let id = 0
      let settled = false
      id = this.#session.request(
        'invoke',
        params as unknown as Record<string, unknown>,
        (value) => {
          settled = true
          this.#release(id, running)
          resolve(value)
        },
        (error) => {
          settled = true
          this.#release(id, running)
          reject(error)
        },
      )
      if (settled) return
      this.#invocations.set(id, running)
      if (signal) this.#signals.add(signal, id)
    })
  }

  /**
   * Reads a step file's config. An import still running after `timeoutMs` fails with a timeout error
   * and kills the runner: its event loop is stuck in the module's top-level code for good.
   */
  async describe(file: string, timeoutMs?: number): Promise<DescribeResult> {
    let id = 0
    const result = new Promise((resolve, reject) => {
      id = this.#session.request('describe', { file }, resolve, reject)
      this.#imports.add(id, { file, timeoutMs, reject })
    })
    try {
      return (await result) as DescribeResult
    } finally {
      this.#imports.delete(id)
    }
  }

  /** A stream file's `canAccess` answer (the file is imported on first use, like `invoke`). */
  canAccess(file: string, subscription: unknown, authContext: unknown): Promise<unknown> {
    if (this.#exited) return Promise.reject(crashError(this.pid ?? 0, this.exitReason ?? 'exited', `before canAccess of ${file} was sent to it`))
    return this.#session.call('canAccess', { file, subscription, authContext })
  }

  /**
   * Asks the runner to finish in-flight work within `graceMs`, then kills it if it is still there.
   * A runner that has not said hello yet is killed at once.
   */
  async close(graceMs = 2000): Promise<void> {
    if (this.#exited || this.#subprocess === undefined) return
    if (!this.#ready) {
      this.kill('was stopped before it was ready')
      return this.#waitExit()
    }
    if (this.#closing) return this.#waitExit()
    this.#closing = true
    this.#liveness.stop()
    this.#session.call('shutdown', { graceMs }).catch(() => {})
    this.#stdin.flush()
    const timer = setTimeout(() => this.kill(`did not exit within ${graceMs + 1000} ms of shutdown`), graceMs + 1000)
    await this.#waitExit()
    clearTimeout(timer)
  }

  /**
   * Kills the runner at once; its in-flight calls fail as retryable E_RUNNER_CRASHED errors. With
   * `culpritKnown`, the calls not already ended are marked innocent (see `INNOCENT`).
   */
  kill(reason: string, culpritKnown = false): void {
    if (this.#exited || this.#subprocess === undefined) return
    if (this.#killReason === undefined) {
      this.#killReason = reason
      this.#culpritKnown = culpritKnown
    }
    this.#subprocess.kill('SIGKILL')
  }

  #waitExit(): Promise<void> {
    return this.#exited ? Promise.resolve() : new Promise((resolve) => this.#exitWaiters.push(resolve))
  }

  #release(id: number, running: Running): void {
    this.#invocations.delete(id)
    if (running.signal !== undefined) this.#signals.delete(running.signal, id)
  }

  // The invocation rejects at once with the signal's reason, and its context calls are refused from
  // now on. The runner answers the cancel when the handler has really stopped. A ping sent right after
  // the cancels tells, at the end of the grace, why one is still unanswered: a loop that never answered
  // it is blocked (kill: nothing more can run there), a loop that did runs a call that will not stop
  // (a sync handler's thread: Python cannot stop it), and the runner is recycled.
  #onAbort(signal: AbortSignal, ids: Set<number>): void {
    const cancelled: number[] = []
    for (const id of ids) {
      const running = this.#invocations.get(id)
      if (running === undefined) continue
      running.signal = undefined
      running.ended = true
      this.#session.notify('cancel', { id })
      running.reject(signal.reason)
      cancelled.push(id)
    }
    if (cancelled.length === 0) return
    let loopRuns = false
    this.#ping().then(() => (loopRuns = true), () => {})
    const grace = this.#options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS
    setTimeout(() => {
      const stuck = this.#invocations.unanswered(cancelled)
      if (stuck.length === 0 || this.#exited) return
      if (!loopRuns) return this.kill(`did not answer a cancel within ${grace} ms (its event loop is blocked)`, true)
      const steps = this.#invocations.steps(stuck)
      this.onStuck?.(this, `step ${steps} did not stop within ${grace} ms of its cancel (a sync handler's thread cannot be stopped)`)
    }, grace).unref()
  }

  #ping(): Promise<unknown> {
    this.#pings++
    return this.#session.call('ping', {}).finally(() => this.#pings--)
  }

  #onLiveness(responsive: boolean, silentMs: number): void {
    this.#onLog(responsive ? 'info' : 'warn', livenessLine(this.pid, responsive, silentMs))
    this.onResponsiveChange?.(this)
  }

  #onHello(hello: HelloMessage): void {
    const waiter = this.#startWaiter
    if (waiter === undefined) return
    this.#startWaiter = undefined
    if (hello.protocol !== PROTOCOL_VERSION) {
      const error = mismatchError(hello.protocol, PROTOCOL_VERSION)
      this.kill(error.message)
      return waiter.reject(error)
    }
    this.hello = hello
    this.#ready = true
    this.readyAt = Date.now()
    this.#liveness.start()
    waiter.resolve(hello)
  }

  #onStdout(chunk: Uint8Array): void {
    if (this.hello === undefined && this.#head.length < HEAD_BYTES) this.#head = Buffer.concat([this.#head, chunk]).subarray(0, HEAD_BYTES)
    try {
      this.#session.feed(chunk)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.#onLog('error', `Python runner channel is corrupt: ${message}`, { runner: this.pid })
      this.kill((this.hello === undefined && printedAtStartup(this.#head)) || `sent a corrupt frame (${message})`)
    }
  }

  #onStderr(line: string): void {
    if (this.#stderrTail.push(line) > STDERR_TAIL) this.#stderrTail.shift()
    this.#onLog('warn', line, { runner: this.pid, stream: 'stderr' })
  }

  // Which of the calls in flight caused the death (PROTOCOL.md §8): none when the core killed the
  // runner for a known call or an import ended it; any of them when several were in flight.
  #blame(): typeof INNOCENT | typeof SUSPECT | undefined {
    if (this.#culpritKnown || this.endedByImport) return INNOCENT
    return this.activeLoad > 1 ? SUSPECT : undefined
  }

  #onEnded(code: number | null, signal: string | null): void {
    if (this.#exited) return
    this.#exited = true
    this.#ready = false
    this.#stdin.close()
    this.#liveness.stop()
    const how = this.#killReason ?? describeExit(code, signal)
    this.exitReason = how
    const pid = this.pid ?? 0
    const waiter = this.#startWaiter
    this.#startWaiter = undefined
    if (waiter) waiter.reject(notReadyError(this.pid, how, this.#options.python, this.#stderrTail))
    this.endedByImport = this.#imports.busy
    const blame = this.#blame()
    this.#session.failAll((id, method) => {
      if (this.#closing && this.#killReason === undefined) {
        return new MotiaError('E_SHUTTING_DOWN', `Python runner (pid ${pid}) shut down before "${method}" finished; it may be retried.`)
      }
      if (method === 'describe') return this.#imports.lostError(id, pid, how)
      const step = this.#invocations.get(id)?.step
      return crashError(pid, how, step !== undefined ? `running step "${step}"` : `answering "${method}"`, blame)
    })
    this.#invocations.clear()
    for (const resolve of this.#exitWaiters.splice(0)) resolve()
    if (!this.#closing && !waiter) this.onExit?.(this, how)
  }
}
