import { type Attributes, type HrTime, SpanKind, type SpanStatus, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import type { Resource } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import type { Span, SpanKind as MotiaSpanKind } from '../span.js'
import { otelTraceId } from './otel-trace-id.js'

const KINDS: Record<MotiaSpanKind, SpanKind> = {
  http: SpanKind.SERVER,
  cron: SpanKind.INTERNAL,
  emit: SpanKind.PRODUCER,
  queue: SpanKind.CONSUMER,
  handler: SpanKind.INTERNAL,
  state: SpanKind.INTERNAL,
  stream: SpanKind.INTERNAL,
}

export interface SpanOrigin {
  resource: Resource
  scope: { name: string; version?: string }
}

/** One of our finished spans as the SDK's finished span, ids and times kept exact. */
export function toReadableSpan(span: Span, origin: SpanOrigin): ReadableSpan {
  const traceId = otelTraceId(span.traceId)
  const context = { traceId, spanId: span.spanId, traceFlags: TraceFlags.SAMPLED }
  return {
    name: span.name,
    kind: KINDS[span.kind],
    spanContext: () => context,
    parentSpanContext: span.parentSpanId ? { traceId, spanId: span.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: false } : undefined,
    startTime: hrTime(span.start),
    endTime: hrTime(span.end),
    duration: hrTime(Math.max(0, span.end - span.start)),
    status: status(span),
    attributes: attributes(span),
    links: [],
    events: (span.events ?? []).map((event) => ({ name: event.name, time: hrTime(event.time), attributes: { ...event.attributes } })),
    ended: true,
    resource: origin.resource,
    instrumentationScope: origin.scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  }
}

/** Epoch ms (fractions allowed) as [seconds, nanoseconds]. */
export function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000)
  const nanos = Math.round((ms - seconds * 1000) * 1e6)
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos]
}

function status(span: Span): SpanStatus {
  if (span.status === 'ok') return { code: SpanStatusCode.UNSET }
  const message = span.attributes['error.message'] ?? (span.kind === 'http' ? `HTTP ${span.attributes.status}` : undefined)
  return { code: SpanStatusCode.ERROR, message: message === undefined ? undefined : String(message) }
}

// Ours under `motia.` (bare keys would squat on OTel's namespaces; dotted ones such as `error.type` are
// already conventional), plus the semantic conventions backends index: HTTP and messaging.
function attributes(span: Span): Attributes {
  const result: Attributes = { 'motia.trace_id': span.traceId, 'motia.span_kind': span.kind }
  for (const [key, value] of Object.entries(span.attributes)) result[key.includes('.') ? key : `motia.${key}`] = value
  const { method, route, path, status: code, topic } = span.attributes
  if (span.kind === 'http') Object.assign(result, defined({ 'http.request.method': method, 'http.route': route, 'url.path': path, 'http.response.status_code': code }))
  if ((span.kind === 'emit' || span.kind === 'queue') && topic !== undefined) Object.assign(result, { 'messaging.system': 'motia', 'messaging.destination.name': topic })
  return result
}

function defined(values: Attributes): Attributes {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
}
