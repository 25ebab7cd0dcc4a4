// One Python runner process: spawn, hello, batched writes, crash detection (PROTOCOL.md §1, §6).
import type { ResultPromise } from 'execa'
import { MotiaError } from '../../errors.js'
import type { FlowContext } from '../../types.js'
import { createDispatcher } from './dispatch.js'
import type { RunnerLog } from './dispatch.js'
import { PROTOCOL_VERSION } from './protocol.js'
import type { DescribeResult, HelloMessage, InvokeParams } from './protocol.js'
import { Session } from './session.js'
import { crashError, describeExit, importTimeoutError, mismatchError, notReadyError, printedAtStartup } from './runner-errors.js'
import { ImportWatch } from './import-watch.js'
import { SignalGroups } from './signal-groups.js'
import { spawnRunner } from './spawn-runner.js'

export interface RunnerProcessOptions {
  /** Project root: the runner's cwd and first PYTHONPATH entry. */
  root: string
  /** Interpreter path (see `findPython`). */
  python: string
  /** Environment of the runner; PYTHONPATH is prepended to. Defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** Log lines that belong to no invocation: stderr lines, runner messages. */
  onLog?: RunnerLog
  /** How long the runner may take to send `hello`. Default 30 s. */
  startTimeoutMs?: number
  /** How long a cancelled invocation may stay unanswered before the runner counts as hung. Default 5 s. */
  cancelGraceMs?: number
}

interface Running {
  context: FlowContext
  step: string
  reject: (error: unknown) => void
  signal: AbortSignal | undefined
}

const STDERR_TAIL = 20
const HEAD_BYTES = 200

export class RunnerProcess {
  readonly #options: RunnerProcessOptions
  readonly #onLog: RunnerLog
  readonly #session: Session
  readonly #invocations = new Map<number, Running>()
  readonly #imports = new ImportWatch(({ file, timeoutMs, reject }) => {
    reject(importTimeoutError(timeoutMs!))
    this.kill(`did not finish importing ${file} within ${timeoutMs} ms`)
  })
  readonly #signals = new SignalGroups((signal, ids) => this.#onAbort(signal, ids))
  readonly #stderrTail: string[] = []
  #subprocess: ResultPromise | undefined
  #head: Uint8Array = Buffer.alloc(0) // the first bytes on stdout, to explain a channel broken before the hello
  #queue: Uint8Array[] = []
  #flushScheduled = false
  #ready = false
  #closing = false
  #exited = false
  #killReason: string | undefined
  #exitWaiters: (() => void)[] = []
  #startWaiter: { resolve: (hello: HelloMessage) => void; reject: (error: Error) => void } | undefined
  /** When the hello arrived (ms since epoch), 0 before. */
  readyAt = 0
  /** The runner's hello frame, once received. */
  hello: HelloMessage | undefined
  /** Set when the runner ended because a step module's import crashed or hung it. */
  endedByImport = false
  /** Called once when the runner ends without `close()` having been called. */
  onExit: ((runner: RunnerProcess, reason: string) => void) | undefined

  constructor(options: RunnerProcessOptions) {
    this.#options = options
    this.#onLog = options.onLog ?? (() => {})
    const dispatcher = createDispatcher(
      (id) => this.#invocations.get(id)?.context,
      (level, message, fields) => this.#onLog(level, message, { runner: this.pid, ...fields }),
    )
    this.#session = new Session((frame) => this.#enqueue(frame), {
      onHello: (hello) => this.#onHello(hello),
      onCall: (method, params) => dispatcher.call(method, params),
      onNotify: (method, params) => dispatcher.notify(method, params),
    })
  }

  get pid(): number | undefined {
    return this.#subprocess?.pid
  }

  /** Calls in flight on this runner (invocations, describes). */
  get load(): number {
    return this.#session.pendingCount
  }

  /** Started, said hello, and neither closing, killed nor exited. */
  get ready(): boolean {
    return this.#ready && !this.#closing && !this.#exited && this.#killReason === undefined
  }

  get exited(): boolean {
    return this.#exited
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
      const running: Running = { context, step: params.step, reject, signal }
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
    this.#session.call('shutdown', { graceMs }).catch(() => {})
    this.#flush()
    const timer = setTimeout(() => this.kill(`did not exit within ${graceMs + 1000} ms of shutdown`), graceMs + 1000)
    await this.#waitExit()
    clearTimeout(timer)
  }

  /** Kills the runner at once; its in-flight calls fail as retryable E_RUNNER_CRASHED errors. */
  kill(reason: string): void {
    if (this.#exited || this.#subprocess === undefined) return
    this.#killReason ??= reason
    this.#subprocess.kill('SIGKILL')
  }

  #waitExit(): Promise<void> {
    return this.#exited ? Promise.resolve() : new Promise((resolve) => this.#exitWaiters.push(resolve))
  }

  #release(id: number, running: Running): void {
    this.#invocations.delete(id)
    if (running.signal !== undefined) this.#signals.delete(running.signal, id)
  }

  // The invocation rejects at once with the signal's reason; the runner cancels the task and its late
  // answer is dropped. A runner that does not answer within the grace is hung and gets killed.
  #onAbort(signal: AbortSignal, ids: Set<number>): void {
    for (const id of ids) {
      const running = this.#invocations.get(id)
      if (running === undefined) continue
      running.signal = undefined
      this.#session.notify('cancel', { id })
      running.reject(signal.reason)
      this.#watchCancel(id)
    }
  }

  #watchCancel(id: number): void {
    const grace = this.#options.cancelGraceMs ?? 5000
    setTimeout(() => {
      if (this.#invocations.has(id)) this.kill(`did not answer a cancel within ${grace} ms (hung)`)
    }, grace).unref()
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

  // Frames wait here and leave in one write per event-loop turn (PROTOCOL.md says nothing of
  // batching; pipelining many calls per write is what makes the pool fast).
  #enqueue(frame: Uint8Array): void {
    if (this.#exited) return
    this.#queue.push(frame)
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    setImmediate(this.#flush)
  }

  #flush = (): void => {
    this.#flushScheduled = false
    const queue = this.#queue
    if (queue.length === 0 || this.#exited) return
    this.#queue = []
    const stdin = this.#subprocess?.stdin
    if (!stdin?.writable) return
    stdin.write(queue.length === 1 ? queue[0]! : Buffer.concat(queue))
  }

  #onEnded(code: number | null, signal: string | null): void {
    if (this.#exited) return
    this.#exited = true
    this.#ready = false
    this.#queue = []
    const how = this.#killReason ?? describeExit(code, signal)
    const pid = this.pid ?? 0
    const waiter = this.#startWaiter
    this.#startWaiter = undefined
    if (waiter) waiter.reject(notReadyError(this.pid, how, this.#options.python, this.#stderrTail))
    this.endedByImport = this.#imports.busy
    this.#session.failAll((id, method) => {
      if (this.#closing && this.#killReason === undefined) {
        return new MotiaError('E_SHUTTING_DOWN', `Python runner (pid ${pid}) shut down before "${method}" finished; it may be retried.`)
      }
      if (method === 'describe') return this.#imports.lostError(id, pid, how)
      const step = this.#invocations.get(id)?.step
      return crashError(pid, how, step !== undefined ? `running step "${step}"` : `answering "${method}"`)
    })
    this.#invocations.clear()
    for (const resolve of this.#exitWaiters.splice(0)) resolve()
    if (!this.#closing && !waiter) this.onExit?.(this, how)
  }
}
