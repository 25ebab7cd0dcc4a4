// State kept in a Map of groups, as JSON text so values behave exactly as in the SQLite store.
import type { StateStore } from '../state-store.js'
import { checkGroupId, checkKey, decodeStateValue, encodeStateValue, stateClosedError } from './state-codec.js'

/**
 * In-memory state for tests and benches; lost on exit. Values are copied in and out as JSON.
 * @example
 * const state = new MemoryStateStore()
 * await state.set('orders', 'o-1', { total: 0 })
 * await state.get('orders', 'o-1') // { total: 0 }
 */
export class MemoryStateStore implements StateStore {
  private readonly store = new Map<string, Map<string, string>>()
  private closed = false

  async get(groupId: string, key: string): Promise<unknown> {
    this.open()
    checkKey('get', groupId, key)
    const text = this.store.get(groupId)?.get(key)
    return text === undefined ? null : decodeStateValue(text)
  }

  async set(groupId: string, key: string, value: unknown): Promise<unknown> {
    this.open()
    checkKey('set', groupId, key)
    const text = encodeStateValue(groupId, key, value)
    let group = this.store.get(groupId)
    if (!group) this.store.set(groupId, (group = new Map()))
    group.set(key, text)
    return value
  }

  async delete(groupId: string, key: string): Promise<unknown> {
    this.open()
    checkKey('delete', groupId, key)
    const group = this.store.get(groupId)
    const text = group?.get(key)
    if (!group || text === undefined) return null
    group.delete(key)
    if (group.size === 0) this.store.delete(groupId)
    return decodeStateValue(text)
  }

  async getGroup(groupId: string): Promise<unknown[]> {
    this.open()
    checkGroupId('getGroup', groupId)
    return (await this.entries(groupId)).map((entry) => entry.value)
  }

  async entries(groupId: string): Promise<{ key: string; value: unknown }[]> {
    this.open()
    checkGroupId('entries', groupId)
    const group = this.store.get(groupId)
    if (!group) return []
    return [...group.keys()].sort(compareKeys).map((key) => ({ key, value: decodeStateValue(group.get(key)!) }))
  }

  async groups(): Promise<string[]> {
    this.open()
    return [...this.store.keys()].sort(compareKeys)
  }

  async clear(groupId: string): Promise<void> {
    this.open()
    checkGroupId('clear', groupId)
    this.store.delete(groupId)
  }

  async close(): Promise<void> {
    this.closed = true
    this.store.clear()
  }

  private open(): void {
    if (this.closed) throw stateClosedError()
  }
}

// Code-point order, the order SQLite's BINARY collation gives UTF-8 text.
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}
