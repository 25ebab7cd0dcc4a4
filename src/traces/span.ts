// The trace model: what the engine records, `/__motia/traces` serves, the Workbench draws and OTLP exports.

/** What a span stands for. */
export type SpanKind = 'http' | 'cron' | 'emit' | 'queue' | 'handler' | 'state' | 'stream'

export type SpanAttributeValue = string | number | boolean | string[]

/** A point in time inside a span: a log line (`name: 'log'`, attributes `level`, `message`, fields). */
export interface SpanEvent {
  /** Epoch ms. */
  time: number
  name: string
  attributes: Record<string, SpanAttributeValue>
}

/**
 * One timed operation of a trace. Times are epoch ms (fractions allowed). Attributes by kind:
 * - http: `method`, `route`, `path`, `status`, `step`
 * - cron: `step`, `cron`
 * - emit: `topic`, `subscribers` (step names), `from` (emitting step, absent from outside a step)
 * - queue: `topic`, `step`, `attempt` (1-based), `messageId` (the wait from enqueue, or from the failed
 *   attempt before a retry, to the start of this attempt)
 * - handler: `step`, `language`, `kind` (api|event|cron), `attempt`, `pid` (Python runner), `outcome`
 *   (ok|error|timeout), `error.type`, `error.message`
 * - state: `op` (get|set|delete|getGroup|clear), `group`, `key`
 * - stream: `op`, `stream`, `group`, `id`
 */
export interface Span {
  traceId: string
  /** 16 lower-case hex digits, unique in the trace. */
  spanId: string
  parentSpanId?: string
  kind: SpanKind
  /** For people: `POST /greetings`, `emit greeting.requested`, `queue ComposeGreeting`, `ComposeGreeting`, `state.set greetings`. */
  name: string
  start: number
  end: number
  status: 'ok' | 'error'
  attributes: Record<string, SpanAttributeValue>
  events?: SpanEvent[]
}

/** A trace in the list (`GET /__motia/traces`), newest first. */
export interface TraceSummary {
  traceId: string
  /** The root span's name (the request or cron tick), or the first span's when the root is not stored. */
  name: string
  start: number
  end: number
  status: 'ok' | 'error'
  spanCount: number
  /** Steps whose handlers ran in the trace, in order of first start. */
  steps: string[]
  /** Languages of those handlers: `typescript`, `javascript`, `python`. */
  languages: string[]
}

/** `GET /__motia/traces/:traceId`: every stored span of the trace, by start time. */
export interface TraceDetail {
  traceId: string
  spans: Span[]
  /** Spans not stored because the trace reached its bound (5000 spans by default). */
  droppedSpans?: number
}
