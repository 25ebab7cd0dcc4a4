// `GET /__motia/logs` (the held records after a seq, filtered) and `GET /__motia/logs/stream` (the same, live, as Server-Sent Events).
import { LOG_LEVELS, type LogLevel } from '../logger/levels.js'
import type { ApiRequest } from '../types.js'
import type { LogQuery } from '../workbench/log-ring.js'
import type { AdminApi } from './admin.js'
import type { HttpRoute } from './options.js'

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }
// `connection: close`: once the stream ends (at shutdown), the socket goes too, instead of idling in keep-alive and holding the server's close().
const EVENT_STREAM = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', connection: 'close' }

export function logRoutes(api: AdminApi): HttpRoute[] {
  const workbench = api.workbench
  if (workbench === undefined) return []
  return [
    {
      method: 'GET',
      path: '/__motia/logs',
      handle: async (request) => {
        const query = logQuery(request)
        if (typeof query === 'string') return { status: 400, body: { error: query } }
        const { logs, last } = workbench.logs.read(query)
        // Each record is JSON already (see LogRing.jsonIf): joined, not parsed and stringified again.
        return { status: 200, body: `{"logs":[${logs.join(',')}],"last":${last}}`, headers: JSON_TYPE }
      },
    },
    {
      method: 'GET',
      path: '/__motia/logs/stream',
      handle: async (request) => {
        const query = logQuery(request)
        if (typeof query === 'string') return { status: 400, body: { error: query } }
        return { status: 200, body: workbench.logStreams.stream(query), headers: EVENT_STREAM }
      },
    },
  ]
}

/** `?after=&step=&traceId=&level=`, or the message saying which one is wrong. EventSource's `Last-Event-ID` counts as `after`. */
export function logQuery(request: ApiRequest): LogQuery | string {
  const query: LogQuery = {}
  const resumeFrom = request.headers['last-event-id']
  const afterText = single(request.queryParams.after) ?? (typeof resumeFrom === 'string' ? resumeFrom : undefined)
  if (afterText !== undefined && afterText !== '') {
    const after = Number(afterText)
    if (!(Number.isSafeInteger(after) && after >= 0)) {
      return `Invalid \`after\`: ${JSON.stringify(afterText)}. Pass the \`last\` of a previous answer (an integer >= 0), or leave it out.`
    }
    query.after = after
  }
  const level = single(request.queryParams.level)
  if (level) {
    if (!(LOG_LEVELS as readonly string[]).includes(level)) return `Invalid \`level\`: ${JSON.stringify(level)}. Use one of ${LOG_LEVELS.join(', ')}.`
    query.level = level as LogLevel
  }
  const step = single(request.queryParams.step)
  if (step) query.step = step
  const traceId = single(request.queryParams.traceId)
  if (traceId) query.traceId = traceId
  return query
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
