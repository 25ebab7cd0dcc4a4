// Queue rows in SQLite. Writes go through the group-commit batcher; reads are pages of the backlog and dead letters.
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import type { DeadLetter, QueueMessage } from '../queue.js'
import type { LoadedMessage, MessageStore, StoredMessage } from '../message-store.js'
import { storageError } from './storage-error.js'
import { WriteBatcher } from './write-batcher.js'
import {
  createQueueTables,
  fromDeadLetterRow,
  fromMessageRow,
  toDeadLetterRow,
  toMessageRow,
  type DeadLetterRow,
  type MessageRow,
  type StoredMessageRow,
} from './queue-rows.js'

const MESSAGE_COLUMNS = 'id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at, deliveries, parent_span_id'
const DEAD_LETTER_COLUMNS = 'id, step_name, topic, data, trace_id, message_group_id, attempts, error, failed_at'
const params = (columns: string) => columns.split(', ').map((c) => `@${c}`).join(', ')

/**
 * A delivery is counted as started only once it has run this long: most finish sooner and are acked, so
 * counting them would cost a write each for nothing. A process that exits (process.exit, an uncaught
 * error) counts every delivery in flight first; only a hard crash (SIGKILL, a native fault) within this
 * window goes uncounted.
 */
export const COUNT_DELIVERY_AFTER_MS = 100

export class SqliteMessageStore implements MessageStore {
  /** Every message is a row: the queue holds a window of them in memory and reads the rest a page at a time. */
  readonly pages = true
  private readonly batcher: WriteBatcher
  private readonly sql
  // Deliveries started but not yet counted in the database: id -> start time.
  private readonly uncounted = new Map<string, number>()
  private countTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Database.Database,
    onError: (error: unknown) => void,
  ) {
    createQueueTables(db)
    this.batcher = new WriteBatcher(db, onError, () => this.countDeliveries(0))
    this.sql = {
      loadPage: db.prepare<[number, number], StoredMessageRow>(`SELECT seq, ${MESSAGE_COLUMNS} FROM queue_messages WHERE seq > ? ORDER BY seq LIMIT ?`),
      insertMessage: db.prepare<[MessageRow]>(`INSERT INTO queue_messages (${MESSAGE_COLUMNS}) VALUES (${params(MESSAGE_COLUMNS)})`),
      deleteMessage: db.prepare<[string]>('DELETE FROM queue_messages WHERE id = ?'),
      // One more failure: `attempts` counts the failures handlers reported, not the interrupted deliveries.
      rescheduleMessage: db.prepare<[number, string]>('UPDATE queue_messages SET attempts = attempts + 1, visible_at = ? WHERE id = ?'),
      countDelivery: db.prepare<[string]>('UPDATE queue_messages SET deliveries = deliveries + 1 WHERE id = ?'),
      insertDeadLetter: db.prepare<[DeadLetterRow]>(
        `INSERT OR REPLACE INTO dead_letters (${DEAD_LETTER_COLUMNS}) VALUES (${params(DEAD_LETTER_COLUMNS)})`,
      ),
      listDeadLetters: db.prepare<[], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters ORDER BY seq`),
      getDeadLetter: db.prepare<[string], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters WHERE id = ?`),
      deleteDeadLetter: db.prepare<[string]>('DELETE FROM dead_letters WHERE id = ?'),
    }
  }

  loadPage(afterSeq: number, limit: number): LoadedMessage[] {
    // Inserts queued in this tick are committed first: the page then holds them, and their enqueue sees it.
    this.batcher.flush()
    return this.sqlite(() => this.sql.loadPage.all(afterSeq, limit)).map(fromMessageRow)
  }

  async insert(messages: QueueMessage[]): Promise<number[]> {
    // Encode now, so data that JSON cannot hold fails this enqueue and not the whole batch.
    const rows = messages.map(toMessageRow)
    const seqs: number[] = []
    await this.batcher.write(() => {
      // Runs again on its own when its batch failed as a whole: only the last run's seqs count.
      seqs.length = 0
      for (const row of rows) seqs.push(Number(this.sql.insertMessage.run(row).lastInsertRowid))
    })
    return seqs
  }

  // Lazy like an ack: a start lost to a crash before its commit only under-counts (the message is redelivered).
  started(message: QueueMessage): void {
    this.uncounted.set(message.id, Date.now())
    this.countTimer ??= setTimeout(() => this.countDeliveries(COUNT_DELIVERY_AFTER_MS), COUNT_DELIVERY_AFTER_MS).unref()
  }

  remove(message: QueueMessage): void {
    this.uncounted.delete(message.id)
    this.batcher.writeLazily(() => this.sql.deleteMessage.run(message.id))
  }

  reschedule(message: QueueMessage): void {
    const { id, visibleAt } = message
    // A failure is one more attempt: its delivery must be counted too, or the two counts would disagree.
    const uncounted = this.uncounted.delete(id)
    this.batcher.writeLazily(() => {
      if (uncounted) this.sql.countDelivery.run(id)
      this.sql.rescheduleMessage.run(visibleAt, id)
    })
  }

  // Counts the deliveries in flight for at least `minAgeMs`; re-arms the timer for the younger ones.
  private countDeliveries(minAgeMs: number): void {
    this.countTimer = undefined
    const now = Date.now()
    const due: string[] = []
    let youngest = Number.POSITIVE_INFINITY
    for (const [id, startedAt] of this.uncounted) {
      if (now - startedAt >= minAgeMs) due.push(id)
      else youngest = Math.min(youngest, startedAt)
    }
    for (const id of due) this.uncounted.delete(id)
    if (due.length > 0) {
      this.batcher.writeLazily(() => {
        for (const id of due) this.sql.countDelivery.run(id)
      })
    }
    if (this.uncounted.size > 0) {
      const wait = Math.max(1, youngest + COUNT_DELIVERY_AFTER_MS - now)
      this.countTimer = setTimeout(() => this.countDeliveries(COUNT_DELIVERY_AFTER_MS), wait).unref()
    }
  }

  async deadLetter(message: QueueMessage, deadLetter: DeadLetter): Promise<void> {
    this.uncounted.delete(message.id)
    const row = toDeadLetterRow(deadLetter)
    return this.batcher.write(() => {
      this.sql.insertDeadLetter.run(row)
      this.sql.deleteMessage.run(message.id)
    })
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    this.batcher.flush()
    return this.sqlite(() => this.sql.listDeadLetters.all()).map(fromDeadLetterRow)
  }

  async replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<StoredMessage | undefined> {
    this.batcher.flush()
    return this.sqlite(() =>
      this.db.transaction(() => {
        const row = this.sql.getDeadLetter.get(id)
        if (!row) return undefined
        const message = revive(fromDeadLetterRow(row))
        this.sql.deleteDeadLetter.run(id)
        return { message, seq: Number(this.sql.insertMessage.run(toMessageRow(message)).lastInsertRowid) }
      })(),
    )
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    this.batcher.flush()
    return this.sqlite(() => this.sql.deleteDeadLetter.run(id).changes > 0)
  }

  // Statements outside the batcher fail as its writes do: E_STORAGE_FULL or E_STORAGE_FAILED.
  private sqlite<T>(statement: () => T): T {
    try {
      return statement()
    } catch (error) {
      throw storageError(error, dirname(this.db.name))
    }
  }

  async close(): Promise<void> {
    // Deliveries still running at close were interrupted: count them before the last flush.
    clearTimeout(this.countTimer)
    this.countDeliveries(0)
    this.batcher.close()
    this.db.close()
  }
}
