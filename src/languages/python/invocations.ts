// The invocations in flight on one runner: the context each one's runner calls reach, and which of
// them ended (cancelled or timed out) while the runner still works on them.
import type { FlowContext } from '../../types.js'

export interface Running {
  context: FlowContext
  step: string
  reject: (error: unknown) => void
  signal: AbortSignal | undefined
  // Cancelled or timed out: its caller has its answer, and its context calls are refused.
  ended: boolean
}

export class Invocations {
  readonly #running = new Map<number, Running>()

  set(id: number, running: Running): void {
    this.#running.set(id, running)
  }

  get(id: number): Running | undefined {
    return this.#running.get(id)
  }

  delete(id: number): void {
    this.#running.delete(id)
  }

  clear(): void {
    this.#running.clear()
  }

  /** The context of an invocation still running; none once it ended, so its context calls fail. */
  contextOf(id: number): FlowContext | undefined {
    const running = this.#running.get(id)
    return running?.ended ? undefined : running?.context
  }

  /** Invocations whose callers still wait for them. */
  get active(): number {
    let active = 0
    for (const running of this.#running.values()) if (!running.ended) active++
    return active
  }

  /** The ids among `ids` still unanswered. */
  unanswered(ids: number[]): number[] {
    return ids.filter((id) => this.#running.has(id))
  }

  /** `"A", "B"`: the steps of `ids`, once each. */
  steps(ids: number[]): string {
    return [...new Set(ids.map((id) => this.#running.get(id)?.step))].map((step) => `"${step}"`).join(', ')
  }
}
