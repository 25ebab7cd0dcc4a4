import type { StateStore } from '../adapters/state-store.js'
import type { InternalStateManager } from '../types.js'

/** The state API handlers see: the store behind Motia's generic signatures. */
export function stateManager(store: StateStore): InternalStateManager {
  return {
    get: (groupId, key) => store.get(groupId, key) as Promise<never>,
    set: (groupId, key, value) => store.set(groupId, key, value) as Promise<never>,
    delete: (groupId, key) => store.delete(groupId, key) as Promise<never>,
    getGroup: (groupId) => store.getGroup(groupId) as Promise<never[]>,
    clear: (groupId) => store.clear(groupId),
  }
}
