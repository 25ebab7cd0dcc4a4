import type { Span, TraceDetail, TraceSummary } from './span.js'
import { SummaryIndex } from './summary-index.js'
import { DEFAULT_TRACE_BOUNDS, type TraceBounds, type TraceQuery, type TraceStore } from './trace-store.js'

/** Traces in memory (`--memory`, the test kit): the same bounds as the SQLite store, nothing survives a restart. */
export class MemoryTraceStore implements TraceStore {
  readonly #spans = new Map<string, Span[]>()
  readonly #index: SummaryIndex
  readonly #now: () => number

  constructor(bounds: Partial<TraceBounds> = {}, now: () => number = Date.now) {
    this.#index = new SummaryIndex({ ...DEFAULT_TRACE_BOUNDS, ...bounds })
    this.#now = now
  }

  add(spans: readonly Span[]): void {
    for (const span of spans) {
      if (this.#index.admit(span) === undefined) continue
      const list = this.#spans.get(span.traceId)
      if (list === undefined) this.#spans.set(span.traceId, [span])
      else list.push(span)
    }
    for (const traceId of this.#index.evict(this.#now())) this.#spans.delete(traceId)
  }

  list(query: TraceQuery): TraceSummary[] {
    return this.#index.list(query)
  }

  get(traceId: string): TraceDetail | undefined {
    const summary = this.#index.get(traceId)
    if (summary === undefined) return undefined
    const detail: TraceDetail = { traceId, spans: [...(this.#spans.get(traceId) ?? [])].sort((a, b) => a.start - b.start) }
    if (summary.droppedSpans > 0) detail.droppedSpans = summary.droppedSpans
    return detail
  }

  close(): void {
    this.#spans.clear()
  }
}
