// `GET /__motia/logs` and `GET /__motia/logs/stream` (src/http/admin-logs.ts).
import { getJson } from '../api.js'

/** One log line: `seq`, the core keys, and the fields the step logged. */
export interface LogLine {
  seq: number
  time: string
  level: 'debug' | 'info' | 'warn' | 'error'
  step: string | null
  traceId: string | null
  msg: string
  [field: string]: unknown
}

export interface LogFilters {
  step: string
  traceId: string
  /** The lowest level shown; '' for all. */
  level: string
}

const CORE_KEYS = new Set(['seq', 'time', 'level', 'step', 'traceId', 'msg'])

/** The fields a step logged with the message. */
export function fieldsOf(line: LogLine): Record<string, unknown> {
  return Object.fromEntries(Object.entries(line).filter(([key]) => !CORE_KEYS.has(key)))
}

function queryOf(filters: LogFilters, after?: number): string {
  const params = new URLSearchParams()
  if (after !== undefined) params.set('after', String(after))
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim())
  const query = params.toString()
  return query ? `?${query}` : ''
}

export const fetchLogs = (filters: LogFilters) => getJson<{ logs: LogLine[]; last: number }>(`/__motia/logs${queryOf(filters)}`)

/** New lines after `after`, as they are logged; EventSource reconnects by itself after a drop. */
export function followLogs(filters: LogFilters, after: number, onLine: (line: LogLine) => void): () => void {
  const source = new EventSource(`/__motia/logs/stream${queryOf(filters, after)}`)
  source.onmessage = (event: MessageEvent<string>) => onLine(JSON.parse(event.data) as LogLine)
  return () => source.close()
}
