// The trace endpoints, typed with the engine's own model.
import type { Span, SpanEvent, TraceDetail, TraceSummary } from '../../../src/traces/span.js'
import { getJson } from '../api.js'

export type { Span, SpanEvent, TraceDetail, TraceSummary }

export interface TraceList {
  traces: TraceSummary[]
  tracing: 'on' | 'off'
  message?: string
}

export const listTraces = (): Promise<TraceList> => getJson<TraceList>('/__motia/traces?limit=100')

export const getTrace = (traceId: string): Promise<TraceDetail> => getJson<TraceDetail>(`/__motia/traces/${encodeURIComponent(traceId)}`)
