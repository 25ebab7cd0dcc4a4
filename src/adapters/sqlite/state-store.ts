// State in the `state` table of `<dir>/motia.db`: one synchronous statement per call, so each call is atomic.
import type Database from 'better-sqlite3'
import type { StateStore } from '../state-store.js'
import { checkGroupId, checkKey, decodeStateValue, encodeStateValue, stateClosedError } from '../memory/state-codec.js'
import { openDatabase } from './database.js'
import { runStatement } from './storage-error.js'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS state (
  group_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (group_id, key)
) WITHOUT ROWID;
`

/**
 * Durable state, values stored as JSON text. Shares the database file with SqliteQueue (own connection).
 * @example
 * const state = new SqliteStateStore('.motia')
 * await state.set('orders', 'o-1', { total: 0 })
 */
export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database
  private readonly sql
  private readonly dir: string

  constructor(dir: string) {
    this.dir = dir
    this.db = openDatabase(dir)
    this.db.exec(SCHEMA)
    const db = this.db
    this.sql = {
      get: db.prepare<[string, string], { value: string }>('SELECT value FROM state WHERE group_id = ? AND key = ?'),
      set: db.prepare<[string, string, string]>(
        'INSERT INTO state (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value',
      ),
      delete: db.prepare<[string, string], { value: string }>('DELETE FROM state WHERE group_id = ? AND key = ? RETURNING value'),
      entries: db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM state WHERE group_id = ? ORDER BY key'),
      groups: db.prepare<[], { group_id: string }>('SELECT DISTINCT group_id FROM state ORDER BY group_id'),
      clear: db.prepare<[string]>('DELETE FROM state WHERE group_id = ?'),
    }
  }

  async get(groupId: string, key: string): Promise<unknown> {
    this.open()
    checkKey('get', groupId, key)
    const row = this.sqlite(() => this.sql.get.get(groupId, key))
    return row ? decodeStateValue(row.value) : null
  }

  async set(groupId: string, key: string, value: unknown): Promise<unknown> {
    this.open()
    checkKey('set', groupId, key)
    const encoded = encodeStateValue(groupId, key, value)
    this.sqlite(() => this.sql.set.run(groupId, key, encoded))
    return value
  }

  async delete(groupId: string, key: string): Promise<unknown> {
    this.open()
    checkKey('delete', groupId, key)
    const row = this.sqlite(() => this.sql.delete.get(groupId, key))
    return row ? decodeStateValue(row.value) : null
  }

  async getGroup(groupId: string): Promise<unknown[]> {
    this.open()
    checkGroupId('getGroup', groupId)
    return this.sqlite(() => this.sql.entries.all(groupId)).map((row) => decodeStateValue(row.value))
  }

  async entries(groupId: string): Promise<{ key: string; value: unknown }[]> {
    this.open()
    checkGroupId('entries', groupId)
    return this.sqlite(() => this.sql.entries.all(groupId)).map((row) => ({ key: row.key, value: decodeStateValue(row.value) }))
  }

  async groups(): Promise<string[]> {
    this.open()
    return this.sqlite(() => this.sql.groups.all()).map((row) => row.group_id)
  }

  async clear(groupId: string): Promise<void> {
    this.open()
    checkGroupId('clear', groupId)
    this.sqlite(() => this.sql.clear.run(groupId))
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  private sqlite<T>(statement: () => T): T {
    return runStatement(this.dir, statement)
  }

  private open(): void {
    if (!this.db.open) throw stateClosedError()
  }
}
