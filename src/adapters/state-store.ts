/** The state seam. Values are JSON values; falsy ones (0, false, '', null) are returned as stored. */
export interface StateStore {
  get(groupId: string, key: string): Promise<unknown>
  set(groupId: string, key: string, value: unknown): Promise<unknown>
  /** Returns the removed value, or null when there was none. */
  delete(groupId: string, key: string): Promise<unknown>
  /** Values of exactly this group (never of a group whose id merely starts the same). */
  getGroup(groupId: string): Promise<unknown[]>
  /** Keys and values of one group, in key order (for the admin API). */
  entries(groupId: string): Promise<{ key: string; value: unknown }[]>
  /** Ids of every group holding at least one key. */
  groups(): Promise<string[]>
  clear(groupId: string): Promise<void>
  close(): Promise<void>
}
