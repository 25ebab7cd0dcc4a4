// Traces in `.motia/traces.sqlite`: a file of their own, so that trace writes never wait on (or hold)
// the queue's write lock, and deleting it loses no event.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { unopenable } from '../adapters/sqlite/database.js'
import type { Span, TraceDetail, TraceSummary } from './span.js'
import { DEFAULT_TRACE_BOUNDS, DEFAULT_TRACE_PAGE, type TraceBounds, type TraceQuery, type TraceStore } from './trace-store.js'
import { byTrace, emptySummary, mergeSpan, toSummary, type SummaryState } from './trace-summary.js'

export const TRACES_FILE = 'traces.sqlite'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS traces (
  trace_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  has_root INTEGER NOT NULL,
  start REAL NOT NULL,
  end REAL NOT NULL,
  status TEXT NOT NULL,
  span_count INTEGER NOT NULL,
  dropped_spans INTEGER NOT NULL,
  handlers TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start);
CREATE TABLE IF NOT EXISTS spans (
  trace_id TEXT NOT NULL,
  start REAL NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spans_by_trace ON spans (trace_id);
`

interface TraceRow {
  trace_id: string
  name: string
  has_root: number
  start: number
  end: number
  status: 'ok' | 'error'
  span_count: number
  dropped_spans: number
  handlers: string
}

const fromRow = (row: TraceRow): SummaryState => ({
  traceId: row.trace_id,
  name: row.name,
  hasRoot: row.has_root === 1,
  start: row.start,
  end: row.end,
  status: row.status,
  spanCount: row.span_count,
  droppedSpans: row.dropped_spans,
  handlers: JSON.parse(row.handlers),
})

const toRow = (state: SummaryState): TraceRow => ({
  trace_id: state.traceId,
  name: state.name,
  has_root: state.hasRoot ? 1 : 0,
  start: state.start,
  end: state.end,
  status: state.status,
  span_count: state.spanCount,
  dropped_spans: state.droppedSpans,
  handlers: JSON.stringify(state.handlers),
})

export class SqliteTraceStore implements TraceStore {
  readonly #db: Database.Database
  readonly #bounds: TraceBounds
  readonly #now: () => number
  readonly #sql
  readonly #addBatch: (spans: readonly Span[]) => void

  constructor(dir: string, bounds: Partial<TraceBounds> = {}, now: () => number = Date.now) {
    this.#bounds = { ...DEFAULT_TRACE_BOUNDS, ...bounds }
    this.#now = now
    this.#db = openTraceDatabase(dir)
    const db = this.#db
    this.#sql = {
      getTrace: db.prepare<[string], TraceRow>('SELECT * FROM traces WHERE trace_id = ?'),
      putTrace: db.prepare<[TraceRow]>(
        'INSERT OR REPLACE INTO traces VALUES (@trace_id, @name, @has_root, @start, @end, @status, @span_count, @dropped_spans, @handlers)',
      ),
      insertSpan: db.prepare<[string, number, string]>('INSERT INTO spans VALUES (?, ?, ?)'),
      spansOf: db.prepare<[string], string>('SELECT data FROM spans WHERE trace_id = ? ORDER BY start').pluck(),
      expiredSpans: db.prepare<[number]>('DELETE FROM spans WHERE trace_id IN (SELECT trace_id FROM traces WHERE start < ?)'),
      expiredTraces: db.prepare<[number]>('DELETE FROM traces WHERE start < ?'),
      count: db.prepare<[], number>('SELECT count(*) FROM traces').pluck(),
      // The start of the newest trace that is over the count: it and every older one go.
      cutoffAt: db.prepare<[number], number>('SELECT start FROM traces ORDER BY start DESC LIMIT 1 OFFSET ?').pluck(),
    }
    this.#addBatch = db.transaction((spans: readonly Span[]) => {
      for (const [traceId, group] of byTrace(spans)) this.#addTrace(traceId, group)
      this.#prune()
    })
  }

  add(spans: readonly Span[]): void {
    if (spans.length > 0) this.#addBatch(spans)
  }

  list(query: TraceQuery): TraceSummary[] {
    const { limit = DEFAULT_TRACE_PAGE, before, step, status } = query
    const where: string[] = []
    const params: (string | number)[] = []
    if (before !== undefined) where.push('start < ?') && params.push(before)
    if (status !== undefined) where.push('status = ?') && params.push(status)
    if (step !== undefined) where.push("EXISTS (SELECT 1 FROM json_each(handlers) WHERE json_extract(value, '$.step') = ?)") && params.push(step)
    const sql = `SELECT * FROM traces ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start DESC LIMIT ?`
    return this.#db
      .prepare<(string | number)[], TraceRow>(sql)
      .all(...params, limit)
      .map((row) => toSummary(fromRow(row)))
  }

  get(traceId: string): TraceDetail | undefined {
    const row = this.#sql.getTrace.get(traceId)
    if (row === undefined) return undefined
    const detail: TraceDetail = { traceId, spans: this.#sql.spansOf.all(traceId).map((data) => JSON.parse(data) as Span) }
    if (row.dropped_spans > 0) detail.droppedSpans = row.dropped_spans
    return detail
  }

  close(): void {
    if (this.#db.open) this.#db.close()
  }

  #addTrace(traceId: string, spans: Span[]): void {
    const row = this.#sql.getTrace.get(traceId)
    const state = row === undefined ? emptySummary(traceId) : fromRow(row)
    for (const span of spans) {
      if (state.spanCount >= this.#bounds.maxSpansPerTrace) {
        state.droppedSpans++
        continue
      }
      this.#sql.insertSpan.run(traceId, span.start, JSON.stringify(span))
      mergeSpan(state, span)
    }
    this.#sql.putTrace.run(toRow(state))
  }

  #prune(): void {
    const cutoff = this.#now() - this.#bounds.maxAgeMs
    this.#sql.expiredSpans.run(cutoff)
    this.#sql.expiredTraces.run(cutoff)
    if (this.#sql.count.get()! <= this.#bounds.maxTraces) return
    const oldestKept = this.#sql.cutoffAt.get(this.#bounds.maxTraces - 1)
    if (oldestKept === undefined) return
    this.#sql.expiredSpans.run(oldestKept)
    this.#sql.expiredTraces.run(oldestKept)
  }
}

function openTraceDatabase(dir: string): Database.Database {
  let db: Database.Database | undefined
  try {
    mkdirSync(dir, { recursive: true })
    db = new Database(join(dir, TRACES_FILE))
    db.pragma('journal_mode = WAL')
    // Traces are for looking, not for recovery: a crash may lose the last batch, never an event.
    db.pragma('synchronous = OFF')
    db.pragma('busy_timeout = 5000')
    db.exec(SCHEMA)
    return db
  } catch (error) {
    db?.close()
    throw unopenable(dir, error)
  }
}
