import type { Span, TraceDetail, TraceSummary } from './span.js'
import { DEFAULT_TRACE_BOUNDS, DEFAULT_TRACE_PAGE, type TraceBounds, type TraceQuery, type TraceStore } from './trace-store.js'
import { byTrace, emptySummary, mergeSpan, toSummary, type SummaryState } from './trace-summary.js'

interface StoredTrace {
  summary: SummaryState
  spans: Span[]
}

/** Traces in memory (`--memory`, the test kit): the same bounds as the SQLite store, nothing survives a restart. */
export class MemoryTraceStore implements TraceStore {
  readonly #traces = new Map<string, StoredTrace>()
  readonly #bounds: TraceBounds
  readonly #now: () => number

  constructor(bounds: Partial<TraceBounds> = {}, now: () => number = Date.now) {
    this.#bounds = { ...DEFAULT_TRACE_BOUNDS, ...bounds }
    this.#now = now
  }

  add(spans: readonly Span[]): void {
    for (const [traceId, group] of byTrace(spans)) {
      let trace = this.#traces.get(traceId)
      if (trace === undefined) this.#traces.set(traceId, (trace = { summary: emptySummary(traceId), spans: [] }))
      for (const span of group) {
        if (trace.spans.length >= this.#bounds.maxSpansPerTrace) {
          trace.summary.droppedSpans++
          continue
        }
        trace.spans.push(span)
        mergeSpan(trace.summary, span)
      }
    }
    this.#prune()
  }

  list(query: TraceQuery): TraceSummary[] {
    const { limit = DEFAULT_TRACE_PAGE, before, step, status } = query
    const matching: SummaryState[] = []
    for (const { summary } of this.#traces.values()) {
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

  get(traceId: string): TraceDetail | undefined {
    const trace = this.#traces.get(traceId)
    if (trace === undefined) return undefined
    const detail: TraceDetail = { traceId, spans: [...trace.spans].sort((a, b) => a.start - b.start) }
    if (trace.summary.droppedSpans > 0) detail.droppedSpans = trace.summary.droppedSpans
    return detail
  }

  close(): void {
    this.#traces.clear()
  }

  // Oldest by start first: by age, then by count.
  #prune(): void {
    const cutoff = this.#now() - this.#bounds.maxAgeMs
    const excess = this.#traces.size - this.#bounds.maxTraces
    const expired = [...this.#traces.values()].filter((trace) => trace.summary.start < cutoff)
    for (const trace of expired) this.#traces.delete(trace.summary.traceId)
    if (excess - expired.length <= 0) return
    const oldest = [...this.#traces.values()].sort((a, b) => a.summary.start - b.summary.start).slice(0, this.#traces.size - this.#bounds.maxTraces)
    for (const trace of oldest) this.#traces.delete(trace.summary.traceId)
  }
}
