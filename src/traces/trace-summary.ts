// A trace's summary, kept up to date as its spans arrive in batches (in any order, across restarts).
import type { Span, TraceSummary } from './span.js'

/** The first handler span of each step in a trace: the summary's `steps` and `languages`. */
export interface FirstHandler {
  step: string
  language: string
  start: number
}

/** What a store keeps per trace: the summary's facts, mergeable batch after batch. */
export interface SummaryState {
  traceId: string
  name: string
  /** Whether `name` is the root span's (a span without a parent), which no later span overrides. */
  hasRoot: boolean
  start: number
  end: number
  status: 'ok' | 'error'
  spanCount: number
  droppedSpans: number
  handlers: FirstHandler[]
}

export function emptySummary(traceId: string): SummaryState {
  return { traceId, name: '', hasRoot: false, start: Number.POSITIVE_INFINITY, end: 0, status: 'ok', spanCount: 0, droppedSpans: 0, handlers: [] }
}

/** Adds one stored span to the summary (a trace is `error` when any of its spans failed). */
export function mergeSpan(state: SummaryState, span: Span): void {
  state.start = Math.min(state.start, span.start)
  state.end = Math.max(state.end, span.end)
  if (span.status === 'error') state.status = 'error'
  state.spanCount++
  if (span.parentSpanId === undefined && !state.hasRoot) {
    state.name = span.name
    state.hasRoot = true
  } else if (!state.hasRoot && (state.name === '' || span.start <= state.start)) state.name = span.name
  if (span.kind !== 'handler') return
  const step = String(span.attributes.step)
  const known = state.handlers.find((handler) => handler.step === step)
  if (known === undefined) state.handlers.push({ step, language: String(span.attributes.language), start: span.start })
  else if (span.start < known.start) known.start = span.start
}

export function toSummary(state: SummaryState): TraceSummary {
  const handlers = [...state.handlers].sort((a, b) => a.start - b.start)
  return {
    traceId: state.traceId,
    name: state.name,
    start: state.start,
    end: state.end,
    status: state.status,
    spanCount: state.spanCount,
    steps: handlers.map((handler) => handler.step),
    languages: [...new Set(handlers.map((handler) => handler.language))],
  }
}
