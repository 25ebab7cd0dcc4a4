// The state browser's and streams viewer's side of the AdminApi, over the app's state store and streams.
import type { StateStore } from '../adapters/state-store.js'
import type { StateAdminApi } from '../http/admin-state.js'
import type { StreamsAdminApi } from '../http/admin-streams.js'
import type { AppStreams } from '../streams/app-streams.js'

/** What the streams viewer reads: the app's streams (AppStreams), or none before they are loaded. */
export type AdminStreams = Pick<AppStreams, 'names' | 'has' | 'groups' | 'getGroup'>

export function stateAdmin(state: StateStore): StateAdminApi {
  return {
    stateGroups: () => state.groups(),
    stateEntries: (groupId) => state.entries(groupId),
    setState: async (groupId, key, value) => {
      await state.set(groupId, key, value)
    },
    async deleteState(groupId, key) {
      // `delete` answers null both for an absent key and for a stored null: look first.
      const present = (await state.get(groupId, key)) !== null || (await state.entries(groupId)).some((entry) => entry.key === key)
      if (present) await state.delete(groupId, key)
      return present
    },
  }
}

/** `current` is read on every request: a reload may replace the app's streams. */
export function streamsAdmin(current: () => AdminStreams | undefined): StreamsAdminApi {
  const declared = (name: string) => {
    const streams = current()
    return streams?.has(name) ? streams : undefined
  }
  return {
    async streams() {
      const streams = current()
      if (!streams) return []
      return Promise.all(streams.names().map(async (name) => ({ name, groups: (await streams.groups(name)).length })))
    },
    streamGroups: async (name) => declared(name)?.groups(name),
    streamItems: async (name, groupId) => declared(name)?.getGroup(name, groupId),
  }
}
