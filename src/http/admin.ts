import type { DevStatus } from '../engine/dev-status.js'
import { MotiaError } from '../errors.js'
import type { ApiRequest, ApiResponse } from '../types.js'
import type { WorkbenchData } from '../workbench/workbench-data.js'
import { flowLayoutRoutes } from './admin-flows.js'
import { logRoutes } from './admin-logs.js'
import { type StateAdminApi, stateRoutes } from './admin-state.js'
import { type StreamsAdminApi, streamRoutes } from './admin-streams.js'
import type { TraceReader } from '../traces/trace-store.js'
import { traceRoutes } from './admin-traces.js'
import type { HttpRoute } from './options.js'

/** What the `/__motia/*` endpoints read and do. The engine implements it over its queue and state. */
export interface AdminApi extends StateAdminApi, StreamsAdminApi {
  flows(): unknown
  /** The OpenAPI 3.1 document of the app's API steps (see src/openapi). */
  openapi(): Promise<unknown>
  emit(event: { topic: string; data: unknown; messageGroupId?: string }): Promise<void>
  listDeadLetters(): Promise<unknown[]>
  replayDeadLetter(id: string): Promise<boolean>
  replayAllDeadLetters(): Promise<number>
  discardDeadLetter(id: string): Promise<boolean>
  /** Events emitted after seq `after` (of `topic` when given); recording starts with the first call. */
  recentEvents(topic: string | undefined, after: number | undefined): { events: unknown[]; last: number; dropped: number }
  /** `held`: events stored but not yet done (pending, delayed, retrying, in flight); null when unknown. */
  queueStatus(): { held: number | null }
  /** Reloads and the files that do not load (see DevStatus). */
  devStatus(): DevStatus
  /** The Workbench's node positions and live logs (`motia dev`); without it, those routes are not served. */
  workbench?: WorkbenchData
  /** What `/__motia/traces` reads; undefined when tracing is off. */
  traces(): TraceReader | undefined
}

const EMIT_SHAPE = 'Send a JSON body `{"topic": string, "data": any, "messageGroupId"?: string}` with `Content-Type: application/json`.'

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
const notFound = (id: string): ApiResponse => ({ status: 404, body: { error: 'Dead letter not found', id } })

/**
 * The admin routes. `/__motia/health` is always there; the rest need an AdminApi.
 * Who may call them is decided by the server (see admin-access.ts), not here; their responses carry no
 * CORS headers, and their bodies are JSON only.
 */
export function adminRoutes(api: AdminApi | undefined): HttpRoute[] {
  const health: HttpRoute = { method: 'GET', path: '/__motia/health', handle: async () => ok({ status: 'ok' }) }
  if (api === undefined) return [health]
  return [
    health,
    { method: 'GET', path: '/__motia/flows', handle: async () => ok(api.flows()) },
    { method: 'GET', path: '/__motia/openapi.json', handle: async () => ok(await api.openapi()) },
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
    { method: 'GET', path: '/__motia/events', handle: async (request) => recentEvents(api, request) },
    { method: 'GET', path: '/__motia/queue', handle: async () => ok(api.queueStatus()) },
    { method: 'GET', path: '/__motia/dev/status', handle: async () => ok(api.devStatus()) },
    ...stateRoutes(api),
    ...streamRoutes(api),
    ...flowLayoutRoutes(api),
    ...logRoutes(api),
    ...traceRoutes(api),
  ]
}

// Motia v0.x `POST /emit` compat: 200 `{ success: true, emitted: { topic, data } }`.
async function emit(api: AdminApi, request: ApiRequest): Promise<ApiResponse> {
  const body = emitBody(request.body)
  if (body === undefined) return { status: 400, body: { error: `Invalid emit request. ${EMIT_SHAPE}` } }
  const { topic, data, messageGroupId } = body
  try {
    await api.emit(messageGroupId === undefined ? { topic, data } : { topic, data, messageGroupId })
  } catch (error) {
    const status = error instanceof MotiaError ? refusalStatus(error) : undefined
    if (status === undefined) throw error
    const { message, code } = error as MotiaError
    return { status, body: { error: message, code } }
  }
  return ok({ success: true, emitted: { topic, data } })
}

// `?topic=t&after=<seq>`: a missing `after` only tells where the sequence stands (see recent-events.ts).
function recentEvents(api: AdminApi, request: ApiRequest): ApiResponse {
  const topic = single(request.queryParams.topic)
  const afterText = single(request.queryParams.after)
  const after = afterText === undefined ? undefined : Number(afterText)
  if (after !== undefined && !(Number.isSafeInteger(after) && after >= 0)) {
    return { status: 400, body: { error: `Invalid \`after\`: ${JSON.stringify(afterText)}. Pass the \`last\` of a previous answer (an integer >= 0), or leave it out.` } }
  }
  return ok(api.recentEvents(topic || undefined, after))
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// The status for an emit the engine refused; undefined for a failure the server answers (500, or 507/503
// for storage, see failure-response.ts).
function refusalStatus(error: MotiaError): number | undefined {
  if (error.code === 'E_STORAGE_FULL' || error.code === 'E_STORAGE_FAILED') return undefined
  if (error.code === 'E_NOT_SUBSCRIBED') return 422
  if (error.code === 'E_SHUTTING_DOWN') return 503
  return 400
}

// The server admits only `application/json` bodies here (see server.ts), so `body` is parsed JSON.
function emitBody(body: unknown): { topic: string; data: unknown; messageGroupId?: string } | undefined {
  if (!isRecord(body) || typeof body.topic !== 'string' || body.topic.length === 0) return undefined
  if (body.messageGroupId !== undefined && typeof body.messageGroupId !== 'string') return undefined
  return { topic: body.topic, data: body.data, messageGroupId: body.messageGroupId }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
