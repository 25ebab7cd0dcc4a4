// The summaries of the stored traces, in memory for both stores: a span is counted, bounded and merged
// here, the list is served from here, and the bounds are applied here (oldest first).
import type { Span, TraceSummary } from './span.js'
import { DEFAULT_TRACE_PAGE, type TraceBounds, type TraceQuery } from './trace-store.js'
import { emptySummary, mergeSpan, toSummary, type SummaryState } from './trace-summary.js'

export class SummaryIndex {
  // In order of first arrival, which is the order of start but for spans that arrive out of order: the
  // bounds drop from the front, without sorting on every batch.
  readonly #summaries = new Map<string, SummaryState>()

  constructor(private readonly bounds: TraceBounds) {}

  get(traceId: string): SummaryState | undefined {
    return this.#summaries.get(traceId)
  }

  /** Puts back a summary read from disk (oldest first). */
  restore(state: SummaryState): void {
    this.#summaries.set(state.traceId, state)
  }

  /** Counts `span` in its trace; false when the trace is full (the span is then counted as dropped). */
  admit(span: Span): SummaryState | undefined {
    let state = this.#summaries.get(span.traceId)
    if (state === undefined) this.#summaries.set(span.traceId, (state = emptySummary(span.traceId)))
    if (state.spanCount >= this.bounds.maxSpansPerTrace) {
      state.droppedSpans++
      return undefined
    }
    mergeSpan(state, span)
    return state
  }

  /** Drops the traces past the bounds (by age, then by count), oldest first; returns their ids. */
  evict(now: number): string[] {
    const cutoff = now - this.bounds.maxAgeMs
    const evicted: string[] = []
    for (const [traceId, state] of this.#summaries) {
      if (state.start >= cutoff && this.#summaries.size <= this.bounds.maxTraces) break
      this.#summaries.delete(traceId)
      evicted.push(traceId)
    }
    return evicted
  }

  list(query: TraceQuery): TraceSummary[] {
    const { limit = DEFAULT_TRACE_PAGE, before, step, status } = query
    const matching: SummaryState[] = []
    for (const summary of this.#summaries.values()) {
      if (before !== undefined && !(summary.start < before)) continue
      if (status !== undefined && summary.status !== status) continue
      if (step !== undefined && !summary.handlers.some((handler) => handler.step === step)) continue
      matching.push(summary)
    }
    return matching
      .sort((a, b) => b.start - a.start)
      .slice(0, limit)
      .map(toSummary)
  }
}
