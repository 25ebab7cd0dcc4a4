import { MotiaError } from '../errors.js'
import type { ApiRequest, ApiResponse } from '../types.js'
import type { HttpRoute } from './options.js'
import { parseJsonSafely } from './safe-json.js'

/** What the `/__motia/*` endpoints read and do. The engine implements it over its queue and state. */
export interface AdminApi {
  flows(): unknown
  emit(event: { topic: string; data: unknown; messageGroupId?: string }): Promise<void>
  listDeadLetters(): Promise<unknown[]>
  replayDeadLetter(id: string): Promise<boolean>
  replayAllDeadLetters(): Promise<number>
  discardDeadLetter(id: string): Promise<boolean>
  stateGroups(): Promise<string[]>
  stateEntries(groupId: string): Promise<{ key: string; value: unknown }[]>
}

const EMIT_SHAPE = 'Send a JSON body `{"topic": string, "data": any, "messageGroupId"?: string}` with `Content-Type: application/json`.'

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
const notFound = (id: string): ApiResponse => ({ status: 404, body: { error: 'Dead letter not found', id } })

/**
 * The admin routes. `/__motia/health` is always there; the rest need an AdminApi.
 * Who may call them is decided by the server (see admin-access.ts), not here.
 */
export function adminRoutes(api: AdminApi | undefined): HttpRoute[] {
  const health: HttpRoute = { method: 'GET', path: '/__motia/health', handle: async () => ok({ status: 'ok' }) }
  if (api === undefined) return [health]
  return [
    health,
    { method: 'GET', path: '/__motia/flows', handle: async () => ok(api.flows()) },
    { method: 'POST', path: '/__motia/emit', handle: (request) => emit(api, request) },
    { method: 'GET', path: '/__motia/dlq', handle: async () => ok(await api.listDeadLetters()) },
    {
      method: 'POST',
      path: '/__motia/dlq/replay-all',
      handle: async () => ok({ success: true, replayed: await api.replayAllDeadLetters() }),
    },
    {
      method: 'POST',
      path: '/__motia/dlq/:id/replay',
      handle: async ({ pathParams: { id } }) => ((await api.replayDeadLetter(id!)) ? ok({ success: true, id }) : notFound(id!)),
    },
    {
      method: 'DELETE',
      path: '/__motia/dlq/:id',
      handle: async ({ pathParams: { id } }) => ((await api.discardDeadLetter(id!)) ? ok({ success: true, id }) : notFound(id!)),
    },
    { method: 'GET', path: '/__motia/state', handle: async () => ok(await api.stateGroups()) },
    {
      method: 'GET',
      path: '/__motia/state/:groupId',
      handle: async ({ pathParams: { groupId } }) => ok(await api.stateEntries(groupId!)),
    },
  ]
}

// Motia v0.x `POST /emit` compat: 200 `{ success: true, emitted: { topic, data } }`.
async function emit(api: AdminApi, request: ApiRequest): Promise<ApiResponse> {
  const body = emitBody(request)
  if (body === undefined) return { status: 400, body: { error: `Invalid emit request. ${EMIT_SHAPE}` } }
  const { topic, data, messageGroupId } = body
  try {
    await api.emit(messageGroupId === undefined ? { topic, data } : { topic, data, messageGroupId })
  } catch (error) {
    if (error instanceof MotiaError) return { status: 400, body: { error: error.message, code: error.code } }
    throw error
  }
  return ok({ success: true, emitted: { topic, data } })
}

function emitBody(request: ApiRequest): { topic: string; data: unknown; messageGroupId?: string } | undefined {
  let body = request.body
  // `curl -d '{...}'` sends JSON labelled as a form: read the raw text as JSON before giving up.
  if (!isRecord(body) || typeof body.topic !== 'string') body = tryJson(request.rawBody)
  if (!isRecord(body) || typeof body.topic !== 'string' || body.topic.length === 0) return undefined
  if (body.messageGroupId !== undefined && typeof body.messageGroupId !== 'string') return undefined
  return { topic: body.topic, data: body.data, messageGroupId: body.messageGroupId }
}

function tryJson(text: string): unknown {
  try {
    return parseJsonSafely(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
