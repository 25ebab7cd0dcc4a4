// Call ids grouped by the AbortSignal that may cancel them: one listener per signal, not per call,
// because the engine may share one signal (the app's stop signal) among thousands of calls.
export class SignalGroups {
  readonly #groups = new Map<AbortSignal, Set<number>>()
  readonly #onAbort: (signal: AbortSignal, ids: Set<number>) => void

  constructor(onAbort: (signal: AbortSignal, ids: Set<number>) => void) {
    this.#onAbort = onAbort
  }

  add(signal: AbortSignal, id: number): void {
    let ids = this.#groups.get(signal)
    if (ids === undefined) {
      ids = new Set()
      this.#groups.set(signal, ids)
      signal.addEventListener('abort', this.#listener, { once: true })
    }
    ids.add(id)
  }

  delete(signal: AbortSignal, id: number): void {
    const ids = this.#groups.get(signal)
    if (ids === undefined || !ids.delete(id) || ids.size > 0) return
    this.#groups.delete(signal)
    signal.removeEventListener('abort', this.#listener)
  }

  #listener = (event: Event): void => {
    const signal = event.target as AbortSignal
    const ids = this.#groups.get(signal)
    this.#groups.delete(signal)
    if (ids !== undefined) this.#onAbort(signal, ids)
  }
}
