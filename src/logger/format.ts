import type { LogLevel } from './levels.js'

export interface LogRecord {
  time: number
  level: LogLevel
  msg: string
  step?: string
  traceId?: string
  fields?: Record<string, unknown>
}

// Errors do not survive JSON.stringify; keep what helps a reader.
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
  if (typeof value === 'bigint') return value.toString()
  return value
}

export function formatJson(record: LogRecord): string {
  const line: Record<string, unknown> = {
    time: new Date(record.time).toISOString(),
    level: record.level,
    step: record.step ?? null,
    traceId: record.traceId ?? null,
    msg: record.msg,
  }
  if (record.fields) {
    for (const key in record.fields) if (!(key in line)) line[key] = record.fields[key]
  }
  return JSON.stringify(line, jsonReplacer)
}

const COLORS: Record<LogLevel, string> = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' }
const RESET = '\x1b[0m'
const DIM = '\x1b[2m'

export function formatPretty(record: LogRecord): string {
  const time = new Date(record.time).toISOString().slice(11, 23)
  const level = `${COLORS[record.level]}${record.level.toUpperCase().padEnd(5)}${RESET}`
  const step = record.step ? ` \x1b[1m${record.step}${RESET}` : ''
  const trace = record.traceId ? ` ${DIM}${record.traceId}${RESET}` : ''
  const fields =
    record.fields && Object.keys(record.fields).length > 0 ? ` ${DIM}${JSON.stringify(record.fields, jsonReplacer)}${RESET}` : ''
  return `${DIM}${time}${RESET} ${level}${step}${trace} ${record.msg}${fields}`
}
