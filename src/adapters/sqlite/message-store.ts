// Queue rows in SQLite. Writes go through the group-commit batcher; reads happen only at load and for dead letters.
import type Database from 'better-sqlite3'
import type { DeadLetter, QueueMessage } from '../queue.js'
import type { MessageStore } from '../local-queue/message-store.js'
import { WriteBatcher } from './write-batcher.js'
import {
  createQueueTables,
  fromDeadLetterRow,
  fromMessageRow,
  toDeadLetterRow,
  toMessageRow,
  type DeadLetterRow,
  type MessageRow,
} from './queue-rows.js'

const MESSAGE_COLUMNS = 'id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at'
const DEAD_LETTER_COLUMNS = 'id, step_name, topic, data, trace_id, message_group_id, attempts, error, failed_at'
const params = (columns: string) => columns.split(', ').map((c) => `@${c}`).join(', ')

export class SqliteMessageStore implements MessageStore {
  private readonly batcher: WriteBatcher
  private readonly sql

  constructor(
    private readonly db: Database.Database,
    onError: (error: unknown) => void,
  ) {
    createQueueTables(db)
    this.batcher = new WriteBatcher(db, onError)
    this.sql = {
      loadMessages: db.prepare<[], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM queue_messages ORDER BY seq`),
      insertMessage: db.prepare<[MessageRow]>(`INSERT INTO queue_messages (${MESSAGE_COLUMNS}) VALUES (${params(MESSAGE_COLUMNS)})`),
      deleteMessage: db.prepare<[string]>('DELETE FROM queue_messages WHERE id = ?'),
      updateMessage: db.prepare<[number, number, string]>('UPDATE queue_messages SET attempts = ?, visible_at = ? WHERE id = ?'),
      insertDeadLetter: db.prepare<[DeadLetterRow]>(
        `INSERT OR REPLACE INTO dead_letters (${DEAD_LETTER_COLUMNS}) VALUES (${params(DEAD_LETTER_COLUMNS)})`,
      ),
      listDeadLetters: db.prepare<[], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters ORDER BY seq`),
      getDeadLetter: db.prepare<[string], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letters WHERE id = ?`),
      deleteDeadLetter: db.prepare<[string]>('DELETE FROM dead_letters WHERE id = ?'),
    }
  }

  load(): QueueMessage[] {
    return this.sql.loadMessages.all().map(fromMessageRow)
  }

  async insert(messages: QueueMessage[]): Promise<void> {
    // Encode now, so data that JSON cannot hold fails this enqueue and not the whole batch.
    const rows = messages.map(toMessageRow)
    return this.batcher.write(() => {
      for (const row of rows) this.sql.insertMessage.run(row)
    })
  }

  remove(message: QueueMessage): void {
    this.batcher.writeLazily(() => this.sql.deleteMessage.run(message.id))
  }

  reschedule(message: QueueMessage): void {
    const { id, attempts, visibleAt } = message
    this.batcher.writeLazily(() => this.sql.updateMessage.run(attempts, visibleAt, id))
  }

  async deadLetter(message: QueueMessage, deadLetter: DeadLetter): Promise<void> {
    const row = toDeadLetterRow(deadLetter)
    return this.batcher.write(() => {
      this.sql.insertDeadLetter.run(row)
      this.sql.deleteMessage.run(message.id)
    })
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    this.batcher.flush()
    return this.sql.listDeadLetters.all().map(fromDeadLetterRow)
  }

  async replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<QueueMessage | undefined> {
    this.batcher.flush()
    return this.db.transaction(() => {
      const row = this.sql.getDeadLetter.get(id)
      if (!row) return undefined
      const message = revive(fromDeadLetterRow(row))
      this.sql.deleteDeadLetter.run(id)
      this.sql.insertMessage.run(toMessageRow(message))
      return message
    })()
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    this.batcher.flush()
    return this.sql.deleteDeadLetter.run(id).changes > 0
  }

  async close(): Promise<void> {
    this.batcher.close()
    this.db.close()
  }
}
