// The Workbench's live logs: the last records of the process, each with a sequence number, read by
// `GET /__motia/logs?after=<seq>` and followed by `GET /__motia/logs/stream` (see log-stream.ts).
import { formatJson, type LogRecord } from '../logger/format.js'
import { levelRank, type LogLevel } from '../logger/levels.js'

export const DEFAULT_LOG_RING_SIZE = 2000

export interface LogQuery {
  /** Only records after this sequence number. */
  after?: number
  step?: string
  traceId?: string
  /** The lowest level shown. */
  level?: LogLevel
}

interface Entry {
  seq: number
  record: LogRecord
  /** Serialized on the first read: a process nobody watches pays one array write per record. */
  json?: string
}

/** A fixed-size ring of log records; feed it with `sink.onRecord(ring.record)`. */
export class LogRing {
  private readonly slots: (Entry | undefined)[]
  private last = 0
  private readonly listeners = new Set<(seq: number) => void>()

  constructor(readonly size = DEFAULT_LOG_RING_SIZE) {
    this.slots = new Array<Entry | undefined>(size)
  }

  readonly record = (record: LogRecord): void => {
    const seq = ++this.last
    this.slots[seq % this.size] = { seq, record }
    for (const listener of this.listeners) listener(seq)
  }

  /** The sequence number of the newest record (0 before the first). */
  get lastSeq(): number {
    return this.last
  }

  /** The sequence number of the oldest record held. */
  get firstSeq(): number {
    return Math.max(this.last - this.size + 1, 1)
  }

  /** The held records matching `query`, oldest first, as JSON objects (`seq`, then the log line's keys). */
  read(query: LogQuery): { logs: string[]; last: number } {
    const first = Math.max(this.resumeAfter(query.after) + 1, this.firstSeq)
    const logs: string[] = []
    for (let seq = first; seq <= this.last; seq++) {
      const json = this.jsonIf(seq, query)
      if (json !== undefined) logs.push(json)
    }
    return { logs, last: this.last }
  }

  /**
   * Where a client that saw up to `after` goes on from. A seq beyond the newest was handed out by an earlier
   * process (`motia dev` restarted, EventSource reconnected with its Last-Event-ID): all held records are new to it.
   */
  resumeAfter(after: number | undefined): number {
    return after === undefined || after > this.last ? 0 : after
  }

  /** The record `seq` as JSON when it is still held and matches `query`. */
  jsonIf(seq: number, query: LogQuery): string | undefined {
    const entry = this.slots[seq % this.size]
    if (entry?.seq !== seq || !matches(entry.record, query)) return undefined
    // formatJson survives cycles, bigints and throwing getters in fields; `seq` leads the line's keys.
    entry.json ??= `{"seq":${seq},${formatJson(entry.record).slice(1)}`
    return entry.json
  }

  /** Calls `listener` with the seq of every new record; returns the function that stops it. */
  onRecord(listener: (seq: number) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

function matches(record: LogRecord, query: LogQuery): boolean {
  if (query.step !== undefined && record.step !== query.step) return false
  if (query.traceId !== undefined && record.traceId !== query.traceId) return false
  return query.level === undefined || levelRank(record.level) >= levelRank(query.level)
}
