// Stream items kept in Maps (which keep insertion order), as JSON text so they behave as in the SQLite store.
import type { StreamItem } from '../../types.js'
import type { StreamStore } from '../stream-store.js'
import { decodeStreamItem, encodeStreamItem, streamsClosedError } from './stream-codec.js'

/**
 * In-memory streams for `--memory`, tests and benches; lost on exit.
 * @example
 * const streams = new MemoryStreamStore()
 * await streams.set('messages', 'room-1', 'm-1', { id: 'm-1', text: 'hi' }) // { created: true }
 */
export class MemoryStreamStore implements StreamStore {
  private readonly byGroup = new Map<string, Map<string, string>>()
  private closed = false

  async get(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.open()
    const text = this.byGroup.get(groupKey(stream, groupId))?.get(id)
    return text === undefined ? null : decodeStreamItem(text)
  }

  async set(stream: string, groupId: string, id: string, item: StreamItem): Promise<{ created: boolean }> {
    this.open()
    const text = encodeStreamItem(stream, groupId, id, item)
    const key = groupKey(stream, groupId)
    let group = this.byGroup.get(key)
    if (!group) this.byGroup.set(key, (group = new Map()))
    const created = !group.has(id)
    // Map.set on an existing key keeps its place: an update does not move the item.
    group.set(id, text)
    return { created }
  }

  async delete(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.open()
    const key = groupKey(stream, groupId)
    const group = this.byGroup.get(key)
    const text = group?.get(id)
    if (!group || text === undefined) return null
    group.delete(id)
    if (group.size === 0) this.byGroup.delete(key)
    return decodeStreamItem(text)
  }

  async getGroup(stream: string, groupId: string): Promise<StreamItem[]> {
    this.open()
    return [...(this.byGroup.get(groupKey(stream, groupId))?.values() ?? [])].map(decodeStreamItem)
  }

  async groups(stream: string): Promise<string[]> {
    this.open()
    const ids: string[] = []
    for (const key of this.byGroup.keys()) {
      const [owner, groupId] = JSON.parse(key) as [string, string]
      if (owner === stream) ids.push(groupId)
    }
    return ids.sort(compareCodePoints)
  }

  async close(): Promise<void> {
    this.closed = true
    this.byGroup.clear()
  }

  private open(): void {
    if (this.closed) throw streamsClosedError()
  }
}

// Code-point order, the order SQLite's BINARY collation gives UTF-8 text.
const compareCodePoints = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

// JSON of the pair: no separator a stream or group name could contain can make two pairs collide.
const groupKey = (stream: string, groupId: string) => JSON.stringify([stream, groupId])
