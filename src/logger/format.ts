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

// A cycle becomes "[Circular]" (shared, non-cyclic references are kept). `this` is the object holding
// `key`, so ancestors not on its path are dropped first.
function cycleSafeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = []
  return function (this: unknown, key: string, value: unknown) {
    const replaced = jsonReplacer(key, value)
    if (typeof replaced !== 'object' || replaced === null) return replaced
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop()
    if (ancestors.includes(replaced)) return '[Circular]'
    ancestors.push(replaced)
    return replaced
  }
}

// Fields are the user's objects: a cycle, a throwing getter or toJSON must cost neither the line nor
// the handler that logged it. The fast path is a plain stringify; the fallbacks run only when it throws.
function stringifyFields(line: Record<string, unknown>, fieldKeys: readonly string[]): string {
  try {
    return JSON.stringify(line, jsonReplacer)
  } catch {
    try {
      return JSON.stringify(line, cycleSafeReplacer())
    } catch (error) {
      for (const key of fieldKeys) delete line[key]
      line.fieldsError = error instanceof Error ? error.message : String(error)
      return JSON.stringify(line)
    }
  }
}

export function formatJson(record: LogRecord): string {
  const line: Record<string, unknown> = {
    time: new Date(record.time).toISOString(),
    level: record.level,
    step: record.step ?? null,
    traceId: record.traceId ?? null,
    msg: record.msg,
  }
  return stringifyFields(line, record.fields ? copyFields(line, record.fields) : [])
}

// Copies the fields the line does not already have (core fields win); returns the keys copied.
function copyFields(line: Record<string, unknown>, fields: Record<string, unknown>): string[] {
  const copied: string[] = []
  try {
    for (const key in fields) {
      if (key in line) continue
      line[key] = fields[key]
      copied.push(key)
    }
  } catch (error) {
    // A throwing getter on the fields object itself.
    line.fieldsError = error instanceof Error ? error.message : String(error)
  }
  return copied
}

const COLORS: Record<LogLevel, string> = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' }
const RESET = '\x1b[0m'
const DIM = '\x1b[2m'

export function formatPretty(record: LogRecord): string {
  const time = new Date(record.time).toISOString().slice(11, 23)
  const level = `${COLORS[record.level]}${record.level.toUpperCase().padEnd(5)}${RESET}`
  const step = record.step ? ` \x1b[1m${record.step}${RESET}` : ''
  const trace = record.traceId ? ` ${DIM}${record.traceId}${RESET}` : ''
  let fields = ''
  if (record.fields && Object.keys(record.fields).length > 0) {
    const copy: Record<string, unknown> = {}
    fields = ` ${DIM}${stringifyFields(copy, copyFields(copy, record.fields))}${RESET}`
  }
  return `${DIM}${time}${RESET} ${level}${step}${trace} ${record.msg}${fields}`
}
