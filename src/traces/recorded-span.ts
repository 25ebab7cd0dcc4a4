import type { Span, SpanAttributeValue, SpanEvent, SpanKind } from './span.js'

/** Most log lines kept on one span: a handler that logs in a loop must not grow its span without end. */
export const MAX_SPAN_EVENTS = 200

/** A span being recorded: `end` is 0 until it ends. A class, so that every span has the same shape. */
export class RecordedSpan implements Span {
  end = 0
  status: 'ok' | 'error' = 'ok'
  events: SpanEvent[] | undefined = undefined
  droppedEvents = 0

  constructor(
    readonly traceId: string,
    readonly spanId: string,
    readonly parentSpanId: string | undefined,
    readonly kind: SpanKind,
    readonly name: string,
    readonly start: number,
    readonly attributes: Record<string, SpanAttributeValue>,
  ) {}

  addEvent(event: SpanEvent): void {
    const events = (this.events ??= [])
    if (events.length < MAX_SPAN_EVENTS) events.push(event)
    else this.droppedEvents++
  }

  /** The span as stored and served: no undefined fields. */
  toJSON(): Span {
    const span: Span = { traceId: this.traceId, spanId: this.spanId, kind: this.kind, name: this.name, start: this.start, end: this.end, status: this.status, attributes: this.attributes }
    if (this.parentSpanId !== undefined) span.parentSpanId = this.parentSpanId
    if (this.events !== undefined) span.events = this.events
    if (this.droppedEvents > 0) span.attributes.droppedEvents = this.droppedEvents
    return span
  }
}
