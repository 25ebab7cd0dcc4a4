// The queue's tables and the mapping between rows and messages / dead letters (data and errors as JSON text).
import type Database from 'better-sqlite3'
import type { DeadLetter, QueueMessage } from '../queue.js'
import type { LoadedMessage } from '../message-store.js'

// seq keeps enqueue order across restarts; fifo delivery depends on it. AUTOINCREMENT: a seq is never reused
// (a plain rowid is, once the newest rows are deleted), so the queue's paging cursor never skips a new message.
// attempts: failures the handler reported; deliveries: deliveries started. At load nothing is in flight, so
// deliveries - attempts is how many deliveries a process death interrupted.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  step_name TEXT NOT NULL,
  topic TEXT NOT NULL,
  data TEXT,
  trace_id TEXT NOT NULL,
  message_group_id TEXT,
  attempts INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  deliveries INTEGER NOT NULL DEFAULT 0,
  parent_span_id TEXT
);
CREATE TABLE IF NOT EXISTS dead_letters (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  step_name TEXT NOT NULL,
  topic TEXT NOT NULL,
  data TEXT,
  trace_id TEXT NOT NULL,
  message_group_id TEXT,
  attempts INTEGER NOT NULL,
  error TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
`

export interface MessageRow {
  id: string
  step_name: string
  topic: string
  data: string | null
  trace_id: string
  message_group_id: string | null
  attempts: number
  visible_at: number
  created_at: number
  deliveries: number
  parent_span_id: string | null
}

/** A row read back: its seq is the message's place in enqueue order. */
export interface StoredMessageRow extends MessageRow {
  seq: number
}

export interface DeadLetterRow extends Omit<MessageRow, 'visible_at' | 'created_at' | 'deliveries' | 'parent_span_id'> {
  error: string
  failed_at: number
}

export function createQueueTables(db: Database.Database): void {
  db.exec(SCHEMA)
  // A database made before deliveries were counted: its rows count as never interrupted.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(queue_messages)').all()
  if (!columns.some((column) => column.name === 'deliveries')) {
    db.exec('ALTER TABLE queue_messages ADD COLUMN deliveries INTEGER NOT NULL DEFAULT 0')
  }
  // A database made before traces: its messages have no emit span to hang their queue wait on.
  if (!columns.some((column) => column.name === 'parent_span_id')) db.exec('ALTER TABLE queue_messages ADD COLUMN parent_span_id TEXT')
  const table = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'queue_messages'").pluck().get()
  if (table !== undefined && !/AUTOINCREMENT/i.test(table)) makeSeqAutoincrement(db)
}

// A database made before the backlog was paged: same rows, same seqs, in a table whose seqs are never reused.
function makeSeqAutoincrement(db: Database.Database): void {
  const columns = 'seq, id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at, deliveries, parent_span_id'
  db.transaction(() => {
    db.exec('ALTER TABLE queue_messages RENAME TO queue_messages_before_paging')
    db.exec(SCHEMA)
    db.exec(`INSERT INTO queue_messages (${columns}) SELECT ${columns} FROM queue_messages_before_paging`)
    db.exec('DROP TABLE queue_messages_before_paging')
  })()
}

export function toMessageRow(message: QueueMessage): MessageRow {
  return {
    id: message.id,
    step_name: message.stepName,
    topic: message.topic,
    data: encodeData(message),
    trace_id: message.traceId,
    message_group_id: message.messageGroupId ?? null,
    attempts: message.attempts,
    visible_at: message.visibleAt,
    created_at: message.createdAt,
    deliveries: message.attempts,
    parent_span_id: message.parentSpanId ?? null,
  }
}

/** The message of a row, its interrupted deliveries counted as failed attempts. */
export function fromMessageRow(row: StoredMessageRow): LoadedMessage {
  const interrupted = Math.max(0, row.deliveries - row.attempts)
  const message: QueueMessage = {
    id: row.id,
    topic: row.topic,
    stepName: row.step_name,
    data: row.data === null ? undefined : JSON.parse(row.data),
    traceId: row.trace_id,
    attempts: row.attempts + interrupted,
    visibleAt: row.visible_at,
    createdAt: row.created_at,
  }
  if (row.message_group_id !== null) message.messageGroupId = row.message_group_id
  if (row.parent_span_id !== null) message.parentSpanId = row.parent_span_id
  return { message, seq: row.seq, interrupted }
}

export function toDeadLetterRow(deadLetter: DeadLetter): DeadLetterRow {
  return {
    id: deadLetter.id,
    step_name: deadLetter.stepName,
    topic: deadLetter.topic,
    data: encodeData(deadLetter),
    trace_id: deadLetter.traceId,
    message_group_id: deadLetter.messageGroupId ?? null,
    attempts: deadLetter.attempts,
    error: JSON.stringify(deadLetter.error),
    failed_at: deadLetter.failedAt,
  }
}

export function fromDeadLetterRow(row: DeadLetterRow): DeadLetter {
  const deadLetter: DeadLetter = {
    id: row.id,
    stepName: row.step_name,
    topic: row.topic,
    data: row.data === null ? undefined : JSON.parse(row.data),
    traceId: row.trace_id,
    attempts: row.attempts,
    error: JSON.parse(row.error),
    failedAt: row.failed_at,
  }
  if (row.message_group_id !== null) deadLetter.messageGroupId = row.message_group_id
  return deadLetter
}

// Stored data was already copied through JSON at enqueue (copyData), so it always encodes.
function encodeData(message: { data: unknown }): string | null {
  return JSON.stringify(message.data) ?? null
}
