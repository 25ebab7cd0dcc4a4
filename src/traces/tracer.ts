import type { LogRecord } from '../logger/format.js'
import type { SpanExporter } from './exporter.js'
import { RecordedSpan } from './recorded-span.js'
import type { Span, SpanAttributeValue, SpanKind } from './span.js'
import { newSpanId } from './span-id.js'
import type { TraceStore } from './trace-store.js'

// Longest text kept for one log attribute: a span event is for reading, not for a data dump.
const MAX_ATTRIBUTE_CHARS = 2000

/** Epoch ms with sub-millisecond precision (spans of a fast handler are shorter than 1 ms). */
const TIME_ORIGIN = performance.timeOrigin
export const spanClock = (): number => TIME_ORIGIN + performance.now()

export interface TracerOptions {
  store: TraceStore
  exporter?: SpanExporter
  /** A batch the store refused (a full disk): logged by the app, the spans are lost. */
  onError?: (error: unknown) => void
}

/**
 * Records the spans of one app. Starting and ending a span only builds an object and pushes it on a
 * buffer: the store and the exporter get the buffer in one batch, once the current turn of the event
 * loop is over (setImmediate), off the path of the request or event that made the spans. A batch per
 * turn rather than per 100 ms: spans then die young, where a timer's wait had them promoted to the old
 * generation, which showed as GC time in the tracing overhead.
 */
export class Tracer {
  readonly store: TraceStore
  #buffer: Span[] = []
  #immediate = false
  #closed = false
  readonly #exporter: SpanExporter | undefined
  readonly #onError: (error: unknown) => void

  constructor(options: TracerOptions) {
    this.store = options.store
    this.#exporter = options.exporter
    this.#onError = options.onError ?? (() => undefined)
  }

  startSpan(traceId: string, kind: SpanKind, name: string, parentSpanId: string | undefined, attributes: Record<string, SpanAttributeValue>): RecordedSpan {
    return new RecordedSpan(traceId, newSpanId(), parentSpanId, kind, name, spanClock(), attributes)
  }

  endSpan(span: RecordedSpan, status: 'ok' | 'error' = 'ok'): void {
    if (span.end !== 0) return
    span.end = spanClock()
    span.status = status
    this.#push(span)
  }

  /** A span whose times are known already (a queue wait): recorded as it is. */
  record(span: RecordedSpan): void {
    this.#push(span)
  }

  /** A log line of the invocation `span` stands for, as a span event. */
  logEvent(span: RecordedSpan, record: LogRecord): void {
    const attributes: Record<string, SpanAttributeValue> = { level: record.level, message: clip(record.msg) }
    if (record.fields) for (const [key, value] of Object.entries(record.fields)) attributes[key] = attributeValue(value)
    span.addEvent({ time: record.time, name: 'log', attributes })
  }

  /** Writes what is buffered now (the store, then the exporter). */
  flush(): void {
    this.#immediate = false
    if (this.#buffer.length === 0) return
    // The spans themselves, not copies: a RecordedSpan serialises through its toJSON.
    const batch = this.#buffer
    this.#buffer = []
    try {
      this.store.add(batch)
    } catch (error) {
      this.#onError(error)
    }
    this.#exporter?.export(batch)
  }

  /** Writes what is left, stops the exporter (bounded by `timeoutMs`) and closes the store. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.#closed) return
    this.flush()
    this.#closed = true
    await this.#exporter?.shutdown(timeoutMs).catch(this.#onError)
    this.store.close()
  }

  #push(span: Span): void {
    if (this.#closed) return
    this.#buffer.push(span)
    if (this.#immediate) return
    this.#immediate = true
    setImmediate(this.#flushNow)
  }

  readonly #flushNow = (): void => this.flush()
}

function attributeValue(value: unknown): SpanAttributeValue {
  if (typeof value === 'string') return clip(value)
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Error) return clip(`${value.name}: ${value.message}`)
  try {
    return clip(JSON.stringify(value) ?? String(value))
  } catch {
    return clip(String(value))
  }
}

const clip = (text: string): string => (text.length > MAX_ATTRIBUTE_CHARS ? `${text.slice(0, MAX_ATTRIBUTE_CHARS)}…` : text)
