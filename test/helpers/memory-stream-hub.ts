// A real in-memory StreamHub for testing the socket server on its own: items in a Map, every write
// announced to the listeners, as the app's streams do (Motia v0.x: `set` is `create` or `update`).
import type { StreamChange, StreamHub, StreamSubscription } from '../../src/streams/stream-hub.js'
import type { StreamItem } from '../../src/types.js'

export type CanAccess = (subscription: StreamSubscription, authContext: unknown) => boolean | Promise<boolean>

export class MemoryStreamHub implements StreamHub {
  private readonly items = new Map<string, Map<string, Map<string, StreamItem>>>()
  private readonly listeners = new Set<(change: StreamChange) => void>()

  /** `streams`: each stream's name, and its `canAccess` when it declares one. */
  constructor(private readonly streams: Record<string, { canAccess?: CanAccess }>) {}

  has(streamName: string): boolean {
    return Object.hasOwn(this.streams, streamName)
  }

  async getItem(streamName: string, groupId: string, id: string): Promise<StreamItem | null> {
    return this.group(streamName, groupId).get(id) ?? null
  }

  async getGroup(streamName: string, groupId: string): Promise<StreamItem[]> {
    return [...this.group(streamName, groupId).values()]
  }

  async canAccess(streamName: string, subscription: StreamSubscription, authContext: unknown): Promise<boolean> {
    const canAccess = this.streams[streamName]?.canAccess
    return canAccess ? canAccess(subscription, authContext) : true
  }

  onChange(listener: (change: StreamChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** How many listeners are subscribed (the socket server unsubscribes when it closes). */
  get listenerCount(): number {
    return this.listeners.size
  }

  set(streamName: string, groupId: string, id: string, data: Record<string, unknown>): StreamItem {
    const group = this.group(streamName, groupId)
    const type = group.has(id) ? 'update' : 'create'
    const item = { ...data, id }
    group.set(id, item)
    this.announce({ streamName, groupId, id, event: { type, data: item } })
    return item
  }

  delete(streamName: string, groupId: string, id: string): StreamItem | null {
    const group = this.group(streamName, groupId)
    const item = group.get(id) ?? null
    group.delete(id)
    if (item) this.announce({ streamName, groupId, id, event: { type: 'delete', data: item } })
    return item
  }

  send(streamName: string, channel: StreamSubscription, event: { type: string; data: unknown }): void {
    this.announce({ streamName, ...channel, event: { type: 'event', event } })
  }

  private group(streamName: string, groupId: string): Map<string, StreamItem> {
    let groups = this.items.get(streamName)
    if (!groups) this.items.set(streamName, (groups = new Map()))
    let group = groups.get(groupId)
    if (!group) groups.set(groupId, (group = new Map()))
    return group
  }

  private announce(change: StreamChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
