import type { StreamItem } from '../types.js'

/**
 * The stream storage seam: items keyed by (stream, group, id), each a JSON object that carries its `id`.
 * Groups keep their items in creation order (an update keeps the item's place; a deleted item that is
 * set again goes last), as Motia v0.x sorted them by creation time.
 */
export interface StreamStore {
  get(stream: string, groupId: string, id: string): Promise<StreamItem | null>
  /** Stores `item` atomically; `created` is false when it replaced an item. */
  set(stream: string, groupId: string, id: string, item: StreamItem): Promise<{ created: boolean }>
  /** Returns the removed item, or null when there was none. */
  delete(stream: string, groupId: string, id: string): Promise<StreamItem | null>
  /** Items of exactly this group (never of a group whose id merely starts the same), in creation order. */
  getGroup(stream: string, groupId: string): Promise<StreamItem[]>
  /** Ids of the groups of `stream` holding at least one item, in code-point order (for the Workbench). */
  groups(stream: string): Promise<string[]>
  close(): Promise<void>
}
