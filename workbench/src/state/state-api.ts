// The state browser's endpoints (src/http/admin-state.ts). Group ids and keys are URL-encoded path segments.
import { getJson, sendJson } from '../api.js'

export interface StateEntry {
  key: string
  value: unknown
}

const at = (groupId: string, key?: string) =>
  `/__motia/state/${encodeURIComponent(groupId)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`

export const stateApi = {
  groups: () => getJson<string[]>('/__motia/state'),
  entries: (groupId: string) => getJson<StateEntry[]>(at(groupId)),
  set: (groupId: string, key: string, value: unknown) => sendJson<unknown>('PUT', at(groupId, key), { value }),
  delete: (groupId: string, key: string) => sendJson<unknown>('DELETE', at(groupId, key)),
}
