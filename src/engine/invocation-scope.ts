import { invocationEnded } from '../errors.js'

/**
 * The life of one invocation: open while its handler runs; ended when the handler settles, at its
 * deadline, or when the app stops. Context calls check it, so work a handler left behind (a timer, an
 * un-awaited promise, a Python thread) cannot act for an invocation that is over.
 */
export class InvocationScope {
  readonly stepName: string
  #how: string | undefined
  #controller: AbortController | undefined
  #abortReason: unknown = undefined
  #aborted = false

  constructor(stepName: string) {
    this.stepName = stepName
  }

  /** Aborted at the deadline or when the app stops. Made on first use: most handlers never read it. */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController()
    if (this.#aborted && !this.#controller.signal.aborted) this.#controller.abort(this.#abortReason)
    return this.#controller.signal
  }

  get ended(): boolean {
    return this.#how !== undefined
  }

  /** Ends the invocation (`how`: "it returned", "timed out after 5 s"); an `abortReason` aborts the signal. First call wins. */
  end(how: string, abortReason?: unknown): void {
    if (this.#how !== undefined) return
    this.#how = how
    if (abortReason === undefined) return
    this.#aborted = true
    this.#abortReason = abortReason
    this.#controller?.abort(abortReason)
  }

  /** Throws E_INVOCATION_ENDED once the invocation ended; `call` names what was called (`context.emit`). */
  check(call: string): void {
    if (this.#how !== undefined) throw invocationEnded(this.stepName, this.#how, call)
  }

  /** The rejection a context call gets once the invocation ended; undefined while it runs. */
  refusal(call: string): Promise<never> | undefined {
    return this.#how === undefined ? undefined : Promise.reject(invocationEnded(this.stepName, this.#how, call))
  }
}
