// The seam between stream storage (`ctx.streams`, in TS and Python steps) and the WebSocket server
// that pushes changes to clients (Motia v0.x's socket protocol, reference §2.7).
import type { StreamItem } from '../types.js'

/** What a client subscribes to: a whole group, or one item of it. */
export interface StreamSubscription {
  groupId: string
  id?: string
}

/** An item change, pushed as `{ type, data }` (`data` carries `id` and never `__motia`). */
export interface StreamItemEvent {
  type: 'create' | 'update' | 'delete'
  data: StreamItem
}

/** A custom message sent with `ctx.streams.<name>.send(channel, { type, data })`. */
export interface StreamCustomEvent {
  type: 'event'
  event: { type: string; data: unknown }
}

/**
 * One change as the socket server pushes it: Motia v0.x's `{ timestamp, streamName, groupId, id?,
 * event }` without the timestamp, which the server adds when it sends.
 */
export interface StreamChange {
  streamName: string
  groupId: string
  id?: string
  event: StreamItemEvent | StreamCustomEvent
}

/** What the WebSocket server needs from the streams of the running app. */
export interface StreamHub {
  /** True when a stream file declares `streamName`. */
  has(streamName: string): boolean
  /** The current item, for the `sync` a client gets when it joins an item. */
  getItem(streamName: string, groupId: string, id: string): Promise<StreamItem | null>
  /** The current items of a group, for the `sync` a client gets when it joins a group. */
  getGroup(streamName: string, groupId: string): Promise<StreamItem[]>
  /**
   * The stream's `canAccess(subscription, authContext)` (TS in-process, Python through a runner);
   * true when the stream declares none. Throws what `canAccess` threw.
   */
  canAccess(streamName: string, subscription: StreamSubscription, authContext: unknown): Promise<boolean>
  /** Calls `listener` with every change, after it is stored; returns the unsubscribe function. */
  onChange(listener: (change: StreamChange) => void): () => void
}
