import type { Span, TraceDetail, TraceSummary } from './span.js'

/** `GET /__motia/traces` filters: newest first, `before` a start time (epoch ms) for the next page. */
export interface TraceQuery {
  limit?: number
  before?: number
  /** Only traces where this step's handler ran. */
  step?: string
  status?: 'ok' | 'error'
}

/** How much the store keeps: the oldest traces go first. */
export interface TraceBounds {
  /** Most traces kept (default 1000). */
  maxTraces: number
  /** Traces that started longer ago than this are dropped (default 24 h). */
  maxAgeMs: number
  /** Most spans kept per trace (default 5000): the rest are counted in `droppedSpans`. */
  maxSpansPerTrace: number
}

export const DEFAULT_TRACE_BOUNDS: TraceBounds = { maxTraces: 1000, maxAgeMs: 24 * 3600_000, maxSpansPerTrace: 5000 }
export const DEFAULT_TRACE_PAGE = 50
export const MAX_TRACE_PAGE = 500

/** What `/__motia/traces` reads. */
export interface TraceReader {
  list(query: TraceQuery): TraceSummary[]
  get(traceId: string): TraceDetail | undefined
}

/** Where finished spans are kept: SQLite (`.motia/traces.sqlite`) or memory (`--memory`, the test kit). */
export interface TraceStore extends TraceReader {
  /** Stores a batch of finished spans (of any traces), then drops what is over the bounds. */
  add(spans: readonly Span[]): void
  close(): void
}
