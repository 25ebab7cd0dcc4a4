// Stream items in the `streams` table of `<dir>/motia.db`, beside the state: one synchronous statement
// (or transaction) per call, so each call is atomic and committed when it resolves.
import type Database from 'better-sqlite3'
import type { StreamItem } from '../../types.js'
import { decodeStreamItem, encodeStreamItem, streamsClosedError } from '../memory/stream-codec.js'
import type { StreamStore } from '../stream-store.js'
import { openDatabase } from './database.js'
import { runStatement } from './storage-error.js'

// A rowid table: an upsert keeps the row's rowid, a new row gets a larger one, so `ORDER BY rowid` is
// creation order. The primary key finds an item and a group.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  stream TEXT NOT NULL,
  group_id TEXT NOT NULL,
  id TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (stream, group_id, id)
);
`

/**
 * Durable streams, items stored as JSON text. Shares the database file with the queue and the state (own connection).
 * @example
 * const streams = new SqliteStreamStore('.motia')
 * await streams.set('messages', 'room-1', 'm-1', { id: 'm-1', text: 'hi' }) // { created: true }
 */
export class SqliteStreamStore implements StreamStore {
  private readonly db: Database.Database
  private readonly sql
  private readonly upsert: (stream: string, groupId: string, id: string, text: string) => boolean
  private readonly dir: string

  constructor(dir: string) {
    this.dir = dir
    this.db = openDatabase(dir)
    this.db.exec(SCHEMA)
    const db = this.db
    this.sql = {
      get: db.prepare<[string, string, string], { value: string }>('SELECT value FROM streams WHERE stream = ? AND group_id = ? AND id = ?'),
      exists: db.prepare<[string, string, string], { found: number }>('SELECT 1 AS found FROM streams WHERE stream = ? AND group_id = ? AND id = ?'),
      set: db.prepare<[string, string, string, string]>(
        'INSERT INTO streams (stream, group_id, id, value) VALUES (?, ?, ?, ?) ON CONFLICT (stream, group_id, id) DO UPDATE SET value = excluded.value',
      ),
      delete: db.prepare<[string, string, string], { value: string }>('DELETE FROM streams WHERE stream = ? AND group_id = ? AND id = ? RETURNING value'),
      group: db.prepare<[string, string], { value: string }>('SELECT value FROM streams WHERE stream = ? AND group_id = ? ORDER BY rowid'),
      groups: db.prepare<[string], { group_id: string }>('SELECT DISTINCT group_id FROM streams WHERE stream = ? ORDER BY group_id'),
    }
    this.upsert = db.transaction((stream: string, groupId: string, id: string, text: string) => {
      const created = this.sql.exists.get(stream, groupId, id) === undefined
      this.sql.set.run(stream, groupId, id, text)
      return created
    })
  }

  async get(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.open()
    const row = this.sqlite(() => this.sql.get.get(stream, groupId, id))
    return row ? decodeStreamItem(row.value) : null
  }

  async set(stream: string, groupId: string, id: string, item: StreamItem): Promise<{ created: boolean }> {
    this.open()
    const text = encodeStreamItem(stream, groupId, id, item)
    return { created: this.sqlite(() => this.upsert(stream, groupId, id, text)) }
  }

  async delete(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.open()
    const row = this.sqlite(() => this.sql.delete.get(stream, groupId, id))
    return row ? decodeStreamItem(row.value) : null
  }

  async getGroup(stream: string, groupId: string): Promise<StreamItem[]> {
    this.open()
    return this.sqlite(() => this.sql.group.all(stream, groupId)).map((row) => decodeStreamItem(row.value))
  }

  async groups(stream: string): Promise<string[]> {
    this.open()
    return this.sqlite(() => this.sql.groups.all(stream)).map((row) => row.group_id)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  private sqlite<T>(statement: () => T): T {
    return runStatement(this.dir, statement)
  }

  private open(): void {
    if (!this.db.open) throw streamsClosedError()
  }
}
