import { toWireError } from '../errors.js'
import type { RecordedSpan } from './recorded-span.js'
import type { Tracer } from './tracer.js'

/** Where an invocation's context keeps its handler span, for the language that runs it (`pid`). */
export const HANDLER_SPAN: unique symbol = Symbol('motia.handlerSpan')

/** What the context of a traced invocation carries. */
export interface SpanHolder {
  readonly [HANDLER_SPAN]?: RecordedSpan
}

/** The Python runner that took the call: the handler span's `pid` (the last runner, when a crash moved the call). */
export function noteRunnerPid(context: object, pid: number | undefined): void {
  const span = (context as SpanHolder)[HANDLER_SPAN]
  if (span !== undefined && pid !== undefined) span.attributes.pid = pid
}

/** Ends a handler span with its outcome: `ok`, `error` (with the error's type and message) or `timeout`. */
export function endHandlerSpan(tracer: Tracer, span: RecordedSpan, outcome: 'ok' | 'error' | 'timeout', error?: unknown): void {
  span.attributes.outcome = outcome
  if (outcome !== 'ok') {
    const wire = toWireError(error)
    span.attributes['error.type'] = wire.type
    span.attributes['error.message'] = wire.message
  }
  tracer.endSpan(span, outcome === 'ok' ? 'ok' : 'error')
}
