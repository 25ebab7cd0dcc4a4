// Finds the call that kills its runner (PROTOCOL.md §8). The calls in flight on a runner that died are
// suspects: they run again on runners of their own, in two halves; a half whose runner dies too is
// split again, until a call that ends its runner while alone on it is the culprit and fails. The
// others complete as if nothing had happened.
import { MotiaError } from '../../errors.js'
import type { FlowContext } from '../../types.js'
import type { RunnerLog } from './dispatch.js'
import type { InvokeParams } from './protocol.js'
import { crashError, isRerun } from './runner-errors.js'
import { RunnerProcess } from './runner-process.js'
import type { RunnerProcessOptions } from './runner-process.js'

interface Suspect {
  params: InvokeParams
  context: FlowContext
  signal: AbortSignal | undefined
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class Quarantine {
  readonly #options: RunnerProcessOptions
  readonly #onLog: RunnerLog
  readonly #runners = new Set<RunnerProcess>()
  #batch: Suspect[] = []
  #closed = false

  constructor(options: RunnerProcessOptions) {
    this.#options = options
    this.#onLog = options.onLog ?? (() => {})
  }

  /** Runs `params` again, isolated from the calls it shared its dead runner with. */
  run(params: InvokeParams, context: FlowContext, signal?: AbortSignal): Promise<unknown> {
    if (this.#closed) return Promise.reject(closedError())
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      // The calls of one dead runner arrive in the same turn: they are tested as one set.
      if (this.#batch.push({ params, context, signal, resolve, reject }) === 1) setImmediate(() => this.#start(this.#batch.splice(0)))
    })
  }

  /** Fails the suspects not yet run (retryable) and gives the running ones `graceMs`. */
  async close(graceMs: number): Promise<void> {
    this.#closed = true
    for (const suspect of this.#batch.splice(0)) suspect.reject(closedError())
    await Promise.all([...this.#runners].map((runner) => runner.close(graceMs)))
  }

  #start(suspects: Suspect[]): void {
    if (suspects.length > 1) {
      this.#onLog('info', `${suspects.length} calls were in flight on a Python runner that died: they run again on separate runners to find the one that ended it.`)
    }
    void this.#split(suspects)
  }

  // Together they ended a runner already: run them as two halves, each on a runner of its own.
  async #split(suspects: Suspect[]): Promise<void> {
    if (suspects.length === 1) return this.#test(suspects)
    const half = Math.ceil(suspects.length / 2)
    await Promise.all([this.#test(suspects.slice(0, half)), this.#test(suspects.slice(half))])
  }

  async #test(suspects: Suspect[]): Promise<void> {
    const live = suspects.filter((suspect) => {
      const error = this.#closed ? closedError() : suspect.signal?.aborted ? suspect.signal.reason : undefined
      if (error !== undefined) suspect.reject(error)
      return error === undefined
    })
    if (live.length === 0) return
    let runner: RunnerProcess
    try {
      runner = await this.#runner()
    } catch (error) {
      // Could not start: nobody to blame, the calls may be retried.
      for (const suspect of live) suspect.reject(this.#closed ? closedError() : error)
      return
    }
    const cut: Suspect[] = []
    await Promise.all(
      live.map((suspect) =>
        runner.invoke(suspect.params, suspect.context, suspect.signal).then(suspect.resolve, (error: unknown) => {
          if (isRerun(error)) cut.push(suspect) // the runner died with others in flight
          // Closing kills a runner that does not stop within the grace: nobody is to blame for that.
          else suspect.reject(this.#closed ? closedError() : this.#blame(suspect, runner, error))
        }),
      ),
    )
    this.#runners.delete(runner)
    void runner.close(0)
    if (cut.length > 0) await this.#split(cut)
  }

  // Alone in flight on its runner, a call whose runner died is the culprit: its error says so.
  #blame(suspect: Suspect, runner: RunnerProcess, error: unknown): unknown {
    if (!(error instanceof MotiaError) || error.code !== 'E_RUNNER_CRASHED' || !runner.exited) return error
    const pid = runner.pid ?? 0
    const step = suspect.params.step
    this.#onLog('warn', `Python runner (pid ${pid}) died running step "${step}" alone: that call is what ends its runner; it fails, the calls that shared a runner with it run normally.`)
    return crashError(pid, runner.exitReason ?? 'exited', `running step "${step}" alone`)
  }

  async #runner(): Promise<RunnerProcess> {
    const runner = new RunnerProcess(this.#options)
    // No other caller waits on this runner: a call that does not stop has nothing to drain.
    runner.onStuck = (stuck, reason) => stuck.kill(reason, true)
    this.#runners.add(runner)
    try {
      await runner.start()
    } catch (error) {
      this.#runners.delete(runner)
      throw error
    }
    return runner
  }
}

const closedError = () => new MotiaError('E_SHUTTING_DOWN', 'The Python runner pool is closing; the call was not run.')
