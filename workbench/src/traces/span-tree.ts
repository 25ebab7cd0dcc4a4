// The rows of a waterfall: spans depth-first under their parents (siblings by start), with the language
// each row runs in and where it changed from the handler above it.
import type { Span } from './trace-api.js'

export interface SpanRow {
  span: Span
  depth: number
  /** The language of the span's handler (its own, or the nearest handler above it). */
  language: string | undefined
  /** `typescript→python` on a handler whose nearest handler above runs another language. */
  hop: string | undefined
}

export function spanRows(spans: readonly Span[]): SpanRow[] {
  const ids = new Set(spans.map((span) => span.spanId))
  const children = new Map<string | undefined, Span[]>()
  for (const span of spans) {
    // A span whose parent is not stored (dropped, or still being written) is shown at the top.
    const parent = span.parentSpanId !== undefined && ids.has(span.parentSpanId) ? span.parentSpanId : undefined
    const siblings = children.get(parent)
    if (siblings) siblings.push(span)
    else children.set(parent, [span])
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.start - b.start)
  const rows: SpanRow[] = []
  const visit = (parent: string | undefined, depth: number, language: string | undefined) => {
    for (const span of children.get(parent) ?? []) {
      const own = span.kind === 'handler' ? String(span.attributes.language) : undefined
      const hop = own !== undefined && language !== undefined && own !== language ? `${language}→${own}` : undefined
      rows.push({ span, depth, language: own ?? language, hop })
      visit(span.spanId, depth + 1, own ?? language)
    }
  }
  visit(undefined, 0, undefined)
  return rows
}

/** The time window of the trace: its first start and its last end. */
export function timeWindow(spans: readonly Span[]): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY
  let end = 0
  for (const span of spans) {
    start = Math.min(start, span.start)
    end = Math.max(end, span.end)
  }
  return { start, end: Math.max(end, start + 0.001) }
}
