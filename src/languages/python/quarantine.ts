// Finds the call that kills its runner (PROTOCOL.md §8): the calls in flight on a runner that died
// are re-run here one at a time, each alone on a runner of its own; one that ends that runner is the
// culprit and fails, the others complete as if nothing happened.
import { MotiaError } from '../../errors.js'
import type { FlowContext } from '../../types.js'
import type { RunnerLog } from './dispatch.js'
import type { InvokeParams } from './protocol.js'
import { crashError } from './runner-errors.js'
import { RunnerProcess } from './runner-process.js'
import type { RunnerProcessOptions } from './runner-process.js'

interface Suspect {
  params: InvokeParams
  context: FlowContext
  signal: AbortSignal | undefined
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  onAbort?: () => void
}

export class Quarantine {
  readonly #options: RunnerProcessOptions
  readonly #onLog: RunnerLog
  #queue: Suspect[] = []
  #runner: RunnerProcess | undefined
  #running = false
  #closed = false

  constructor(options: RunnerProcessOptions) {
    this.#options = options
    this.#onLog = options.onLog ?? (() => {})
  }

  /** Calls waiting or running here. */
  get size(): number {
    return this.#queue.length + (this.#running ? 1 : 0)
  }

  /** Runs `params` alone on the quarantine runner, after the suspects queued before it. */
  run(params: InvokeParams, context: FlowContext, signal?: AbortSignal): Promise<unknown> {
    if (this.#closed) return Promise.reject(closedError())
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      const suspect: Suspect = { params, context, signal, resolve, reject }
      if (signal !== undefined) {
        // A deadline that passes while the suspect waits ends it here; once it runs, the runner cancels it.
        suspect.onAbort = () => {
          const at = this.#queue.indexOf(suspect)
          if (at < 0) return
          this.#queue.splice(at, 1)
          reject(signal.reason)
        }
        signal.addEventListener('abort', suspect.onAbort, { once: true })
      }
      this.#queue.push(suspect)
      if (!this.#running) void this.#drain()
    })
  }

  async close(graceMs: number): Promise<void> {
    this.#closed = true
    for (const suspect of this.#queue.splice(0)) this.#settle(suspect, closedError(), false)
    await this.#runner?.close(graceMs)
  }

  async #drain(): Promise<void> {
    this.#running = true
    while (this.#queue.length > 0 && !this.#closed) {
      const suspect = this.#queue.shift()!
      if (suspect.onAbort) suspect.signal!.removeEventListener('abort', suspect.onAbort)
      let runner: RunnerProcess
      try {
        runner = await this.#ready()
      } catch (error) {
        this.#settle(suspect, error, false) // could not start: nobody to blame, the call may be retried
        continue
      }
      try {
        this.#settle(suspect, await runner.invoke(suspect.params, suspect.context, suspect.signal), true)
      } catch (error) {
        this.#settle(suspect, this.#blame(suspect, runner, error), false)
      }
    }
    this.#running = false
    // Crashes are rare: no runner is kept for the next one.
    const runner = this.#runner
    this.#runner = undefined
    if (!this.#closed) await runner?.close(0)
  }

  // Alone on its runner, a call whose runner died is the culprit: its error says so.
  #blame(suspect: Suspect, runner: RunnerProcess, error: unknown): unknown {
    if (!(error instanceof MotiaError) || error.code !== 'E_RUNNER_CRASHED' || !runner.exited) return error
    const pid = runner.pid ?? 0
    const crash = crashError(pid, runner.exitReason ?? 'exited', `running step "${suspect.params.step}" alone`)
    this.#onLog('warn', `Python runner (pid ${pid}) died running step "${suspect.params.step}" alone: that call is what ends its runner; it fails, the calls that shared a runner with it run normally.`)
    return crash
  }

  async #ready(): Promise<RunnerProcess> {
    if (this.#runner !== undefined && !this.#runner.exited) return this.#runner
    const runner = new RunnerProcess(this.#options)
    // Alone on this runner, a call that does not stop has nothing to drain: replace the runner now.
    runner.onStuck = (stuck, reason) => stuck.kill(reason, true)
    this.#runner = runner
    await runner.start()
    return runner
  }

  #settle(suspect: Suspect, outcome: unknown, ok: boolean): void {
    if (suspect.onAbort) suspect.signal!.removeEventListener('abort', suspect.onAbort)
    if (ok) suspect.resolve(outcome)
    else suspect.reject(outcome)
  }
}

const closedError = () => new MotiaError('E_SHUTTING_DOWN', 'The Python runner pool is closing; the call was not run.')
