import type { Logger } from '../types.js'
import type { LogRecord } from './format.js'
import type { LogLevel } from './levels.js'
import type { LogSink } from './log-sink.js'

export interface LogBindings {
  step?: string
  traceId?: string
}

// Motia v0.x compat: a non-object second argument is logged as `{ data: value }`.
export function toFields(fields: unknown): Record<string, unknown> | undefined {
  if (fields === undefined || fields === null) return undefined
  if (fields instanceof Error) return { error: fields }
  if (typeof fields === 'object' && !Array.isArray(fields)) return fields as Record<string, unknown>
  return { data: fields }
}

// `logger.info(someObject)` shows the object, not "[object Object]".
function messageText(message: unknown): string {
  if (typeof message === 'string') return message
  if (message instanceof Error) return `${message.name}: ${message.message}`
  try {
    return typeof message === 'object' && message !== null ? (JSON.stringify(message) ?? String(message)) : String(message)
  } catch {
    return Object.prototype.toString.call(message)
  }
}

/**
 * A logger whose every line carries the step name and traceId it was made for. `onRecord` also gets
 * each record the sink takes (the invocation's handler span keeps them as events).
 */
export function createLogger(
  sink: LogSink,
  bindings: LogBindings = {},
  onRecord?: (record: LogRecord) => void,
): Logger & { log(level: LogLevel, message: string, fields?: unknown): void } {
  const log = (level: LogLevel, message: string, fields?: unknown) => {
    if (!sink.enabled(level)) return
    const record: LogRecord = { time: Date.now(), level, msg: messageText(message), step: bindings.step, traceId: bindings.traceId, fields: toFields(fields) }
    sink.log(record)
    onRecord?.(record)
  }
  return {
    log,
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  }
}
