// `/__motia/state*`: the Workbench's state browser reads, edits and deletes state here. Group ids and keys
// are path segments, so any character works once URL-encoded (find-my-way decodes params).
import type { ApiRequest, ApiResponse } from '../types.js'
import type { HttpRoute } from './options.js'

/** What the state routes read and do: the app's state store. */
export interface StateAdminApi {
  stateGroups(): Promise<string[]>
  stateEntries(groupId: string): Promise<{ key: string; value: unknown }[]>
  /** Stores any JSON value. */
  setState(groupId: string, key: string, value: unknown): Promise<void>
  /** False when the key is absent. */
  deleteState(groupId: string, key: string): Promise<boolean>
}

const VALUE_SHAPE = 'Send a JSON body `{"value": <any JSON>}` with `Content-Type: application/json`.'
const V0_SET_SHAPE = 'Send a JSON body `{"groupId": string, "key": string, "value": <any JSON>}` with `Content-Type: application/json`.'
const V0_DELETE_SHAPE = 'Send a JSON body `{"ids": ["<groupId>:<key>", ...]}` with `Content-Type: application/json`.'

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
const badRequest = (error: string): ApiResponse => ({ status: 400, body: { error } })

export function stateRoutes(api: StateAdminApi): HttpRoute[] {
  return [
    { method: 'GET', path: '/__motia/state', handle: async () => ok(await api.stateGroups()) },
    {
      method: 'GET',
      path: '/__motia/state/:groupId',
      handle: async ({ pathParams: { groupId } }) => ok(await api.stateEntries(groupId!)),
    },
    { method: 'PUT', path: '/__motia/state/:groupId/:key', handle: (request) => setValue(api, request) },
    { method: 'DELETE', path: '/__motia/state/:groupId/:key', handle: (request) => deleteValue(api, request) },
    // Motia v0.x's plugin-states endpoints, for tools written against them.
    { method: 'POST', path: '/__motia/state', handle: (request) => setValueV0(api, request) },
    { method: 'POST', path: '/__motia/state/delete', handle: (request) => deleteValuesV0(api, request) },
  ]
}

async function setValue(api: StateAdminApi, { pathParams, body }: ApiRequest): Promise<ApiResponse> {
  if (!isRecord(body) || !('value' in body)) return badRequest(`Invalid state value. ${VALUE_SHAPE}`)
  const { groupId, key } = pathParams as { groupId: string; key: string }
  await api.setState(groupId, key, body.value)
  return ok({ groupId, key, value: body.value })
}

async function deleteValue(api: StateAdminApi, { pathParams }: ApiRequest): Promise<ApiResponse> {
  const { groupId, key } = pathParams as { groupId: string; key: string }
  if (!(await api.deleteState(groupId, key))) return { status: 404, body: { error: 'State key not found', groupId, key } }
  return ok({ success: true, groupId, key })
}

// v0.x: 200 `{ key, groupId, value }`.
async function setValueV0(api: StateAdminApi, { body }: ApiRequest): Promise<ApiResponse> {
  if (!isRecord(body) || typeof body.groupId !== 'string' || typeof body.key !== 'string' || !('value' in body)) {
    return badRequest(`Invalid state request. ${V0_SET_SHAPE}`)
  }
  await api.setState(body.groupId, body.key, body.value)
  return ok({ key: body.key, groupId: body.groupId, value: body.value })
}

// v0.x: 204. An id splits at its first `:` (v0.x dropped whatever followed a second one).
async function deleteValuesV0(api: StateAdminApi, { body }: ApiRequest): Promise<ApiResponse> {
  const ids: unknown[] | undefined = isRecord(body) && Array.isArray(body.ids) ? body.ids : undefined
  if (ids === undefined || !ids.every((id) => typeof id === 'string' && id.includes(':'))) {
    return badRequest(`Invalid state delete request. ${V0_DELETE_SHAPE}`)
  }
  for (const id of ids as string[]) {
    const colon = id.indexOf(':')
    await api.deleteState(id.slice(0, colon), id.slice(colon + 1))
  }
  return { status: 204, body: undefined }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
