// Traces in `.motia/traces.sqlite`: a file of their own, so that trace writes never wait on (or hold)
// the queue's write lock, and deleting it loses no event.
import type Database from 'better-sqlite3'
import { openSqliteFile } from '../adapters/sqlite/database.js'
import { MotiaError } from '../errors.js'
import type { Span, TraceDetail, TraceSummary } from './span.js'
import { SummaryIndex } from './summary-index.js'
import { DEFAULT_TRACE_BOUNDS, type TraceBounds, type TraceQuery, type TraceStore } from './trace-store.js'
import type { SummaryState } from './trace-summary.js'

export const TRACES_FILE = 'traces.sqlite'

// One row per trace: its summary (JSON) and its spans (JSON objects joined by commas: an array without its
// brackets), so that a transaction appends a trace's new spans with one statement.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS traces (
  trace_id TEXT PRIMARY KEY NOT NULL,
  summary TEXT NOT NULL,
  spans TEXT NOT NULL
);
`

const UPSERT = `INSERT INTO traces VALUES (?, ?, ?) ON CONFLICT (trace_id) DO UPDATE SET summary = excluded.summary,
  spans = CASE WHEN excluded.spans = '' THEN traces.spans WHEN traces.spans = '' THEN excluded.spans ELSE traces.spans || ',' || excluded.spans END`

/**
 * Spans wait at most this long for their transaction, or less once COMMIT_SPANS wait. Reads do not wait
 * (the list is in memory, a trace's spans are written before they are read); two seconds rather than 100 ms
 * writes most traces once, where a trace written in several pieces cost a row and a summary per piece;
 * two seconds also let the traces that the bound drops under load go unwritten.
 */
export const COMMIT_INTERVAL_MS = 2000
const COMMIT_SPANS = 100_000

/**
 * The summaries live in memory (read from the file at start): the list is served from them and the
 * bounds are applied to them. Every COMMIT_INTERVAL_MS one transaction writes, with one statement per
 * trace that changed, its summary and its new spans (a row per span cost several times more): never on
 * the path of a request or an event.
 */
export class SqliteTraceStore implements TraceStore {
  readonly #db: Database.Database
  readonly #index: SummaryIndex
  readonly #now: () => number
  readonly #sql
  readonly #commit: () => void
  // Per trace, the spans waiting for the next transaction. Serialised only then, and only for the traces
  // still kept: under load most traces fall out of the bound before their first write, and JSON plus
  // SQLite for them was nearly all of tracing's cost.
  #pending = new Map<string, Span[]>()
  #pendingCount = 0
  #dirty = new Set<string>()
  #evicted: string[] = []
  #timer: NodeJS.Timeout | undefined

  constructor(dir: string, bounds: Partial<TraceBounds> = {}, now: () => number = Date.now) {
    this.#index = new SummaryIndex({ ...DEFAULT_TRACE_BOUNDS, ...bounds })
    this.#now = now
    this.#db = openTraceDatabase(dir)
    const db = this.#db
    this.#sql = {
      upsert: db.prepare<[string, string, string]>(UPSERT),
      spansOf: db.prepare<[string], string>('SELECT spans FROM traces WHERE trace_id = ?').pluck(),
      deleteTrace: db.prepare<[string]>('DELETE FROM traces WHERE trace_id = ?'),
    }
    const stored = db.prepare<[], string>('SELECT summary FROM traces').pluck().all()
    for (const summary of stored.map((json) => JSON.parse(json) as SummaryState).sort((a, b) => a.start - b.start)) this.#index.restore(summary)
    // Deletes first: a trace dropped and then seen again (a late span) starts a new row.
    this.#commit = db.transaction(() => {
      for (const traceId of this.#evicted) this.#sql.deleteTrace.run(traceId)
      for (const traceId of this.#dirty) {
        const state = this.#index.get(traceId)
        if (state) this.#sql.upsert.run(traceId, JSON.stringify(state), serialised(this.#pending.get(traceId)))
      }
    })
    // Bounds lowered since the last run apply at once.
    this.#evict()
    this.flush()
  }

  add(spans: readonly Span[]): void {
    for (const span of spans) {
      const state = this.#index.admit(span)
      this.#dirty.add(span.traceId)
      if (state === undefined) continue
      const spansOfTrace = this.#pending.get(span.traceId)
      if (spansOfTrace === undefined) this.#pending.set(span.traceId, [span])
      else spansOfTrace.push(span)
      this.#pendingCount++
    }
    this.#evict()
    if (this.#pendingCount >= COMMIT_SPANS) this.flush()
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), COMMIT_INTERVAL_MS)
      this.#timer.unref()
    }
  }

  list(query: TraceQuery): TraceSummary[] {
    return this.#index.list(query)
  }

  get(traceId: string): TraceDetail | undefined {
    const summary = this.#index.get(traceId)
    if (summary === undefined) return undefined
    this.flush()
    const stored = JSON.parse(`[${this.#sql.spansOf.get(traceId) ?? ''}]`) as Omit<Span, 'traceId'>[]
    const spans = stored.map((span) => ({ traceId, ...span }))
    const detail: TraceDetail = { traceId, spans: spans.sort((a, b) => a.start - b.start) }
    if (summary.droppedSpans > 0) detail.droppedSpans = summary.droppedSpans
    return detail
  }

  /** Writes what waits, in one transaction. */
  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#pendingCount === 0 && this.#dirty.size === 0 && this.#evicted.length === 0) return
    try {
      this.#commit()
    } finally {
      this.#pending = new Map()
      this.#pendingCount = 0
      this.#dirty = new Set()
      this.#evicted = []
    }
  }

  close(): void {
    if (!this.#db.open) return
    try {
      this.flush()
    } finally {
      this.#db.close()
    }
  }

  #evict(): void {
    for (const traceId of this.#index.evict(this.#now())) {
      this.#evicted.push(traceId)
      this.#dirty.delete(traceId)
      this.#pendingCount -= this.#pending.get(traceId)?.length ?? 0
      this.#pending.delete(traceId)
    }
  }
}

// A plain object without the traceId (the row has it): JSON.stringify's fast path, which a toJSON method
// turns off, and a third fewer bytes.
function serialised(spans: Span[] | undefined): string {
  if (spans === undefined) return ''
  return spans.map((span) => JSON.stringify(storedSpan(span))).join(',')
}

function storedSpan(span: Span): Omit<Span, 'traceId'> {
  const { spanId, parentSpanId, kind, name, start, end, status, attributes, events } = span
  return parentSpanId === undefined
    ? { spanId, kind, name, start, end, status, attributes, events }
    : { spanId, parentSpanId, kind, name, start, end, status, attributes, events }
}

function openTraceDatabase(dir: string): Database.Database {
  return openSqliteFile(dir, {
    file: TRACES_FILE,
    // Traces are for looking, not for recovery: a crash may lose the last batch, never an event.
    synchronous: 'OFF',
    init: (db) => db.exec(SCHEMA),
    damaged: (path, code, error) =>
      new MotiaError('E_DATABASE_UNOPENABLE', `${path} is damaged (${code}): delete it (only recorded traces are lost), or set MOTIA_TRACING=off, then start again.`, {
        cause: error,
        retryable: false,
      }),
  })
}
