import type { TraceQuery } from '../traces/trace-store.js'
import { MAX_TRACE_PAGE } from '../traces/trace-store.js'
import type { ApiRequest, ApiResponse } from '../types.js'
import type { AdminApi } from './admin.js'
import type { HttpRoute } from './options.js'

const TRACING_OFF = 'Tracing is off (MOTIA_TRACING=off): unset MOTIA_TRACING and restart to record traces.'

/** `GET /__motia/traces` (newest first, filtered) and `GET /__motia/traces/:traceId`. */
export function traceRoutes(api: Pick<AdminApi, 'traces'>): HttpRoute[] {
  return [
    { method: 'GET', path: '/__motia/traces', handle: async (request) => listTraces(api, request) },
    {
      method: 'GET',
      path: '/__motia/traces/:traceId',
      handle: async ({ pathParams: { traceId } }) => {
        const traces = api.traces()
        if (traces === undefined) return { status: 404, body: { error: TRACING_OFF, tracing: 'off' } }
        const detail = traces.get(traceId!)
        return detail ? { status: 200, body: detail } : { status: 404, body: { error: `No trace ${traceId}: it was never recorded, or it was dropped (oldest first, past MOTIA_TRACE_LIMIT traces or MOTIA_TRACE_MAX_AGE_HOURS).`, traceId } }
      },
    },
  ]
}

function listTraces(api: Pick<AdminApi, 'traces'>, request: ApiRequest): ApiResponse {
  const traces = api.traces()
  if (traces === undefined) return { status: 200, body: { traces: [], tracing: 'off', message: TRACING_OFF } }
  const query = traceQuery(request.queryParams)
  if (typeof query === 'string') return { status: 400, body: { error: query } }
  return { status: 200, body: { traces: traces.list(query), tracing: 'on' } }
}

/** The query of `?limit=&before=&step=&status=`, or the message that says which parameter is wrong. */
export function traceQuery(params: ApiRequest['queryParams']): TraceQuery | string {
  const text = (name: string) => {
    const value = params[name]
    return (Array.isArray(value) ? value[0] : value) || undefined
  }
  const query: TraceQuery = {}
  const limit = text('limit')
  if (limit !== undefined) {
    query.limit = Number(limit)
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_TRACE_PAGE) return `Invalid \`limit\`: ${JSON.stringify(limit)}. Pass an integer from 1 to ${MAX_TRACE_PAGE}.`
  }
  const before = text('before')
  if (before !== undefined) {
    query.before = Number(before)
    if (!Number.isFinite(query.before)) return `Invalid \`before\`: ${JSON.stringify(before)}. Pass the \`start\` (epoch ms) of the last trace of the previous page.`
  }
  const status = text('status')
  if (status !== undefined) {
    if (status !== 'ok' && status !== 'error') return `Invalid \`status\`: ${JSON.stringify(status)}. Pass \`ok\` or \`error\`.`
    query.status = status
  }
  const step = text('step')
  if (step !== undefined) query.step = step
  return query
}
