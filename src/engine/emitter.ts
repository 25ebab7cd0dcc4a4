import type { NewMessage, Queue } from '../adapters/queue.js'
import { MotiaError, undeclaredEmit } from '../errors.js'
import type { Step } from '../project/step.js'
import { describeValue } from '../schema/describe-value.js'
import { formatIssues } from '../schema/issues.js'
import type { EmitEvent } from '../types.js'
import type { RecordedSpan } from '../traces/recorded-span.js'
import type { SpanAttributeValue } from '../traces/span.js'
import type { Tracer } from '../traces/tracer.js'
import type { Subscriber } from './topic-index.js'

/** `parentSpanId`: the span the emit is a child of (the emitting handler's), when traced. */
export type EmitFn = (from: Step | null, event: EmitEvent, traceId: string, parentSpanId?: string) => Promise<void>

export interface EmitterOptions {
  /** `'warn'` (motia.config.ts `compat.undeclaredEmits`): an undeclared emit is logged and delivered, as in Motia v0.x. */
  undeclaredEmits?: 'error' | 'warn'
  /** Where the `'warn'` line goes. */
  warn?: (message: string, from: Step, traceId: string) => void
  /** Sees every event once it passed validation and is stored (subscribed or not): the test kit's `watch`. */
  onEmit?: (event: EmittedEvent) => void
  /** Records an emit span per emit that passed validation; its id travels with the messages. */
  tracer?: Tracer
}

/** An event as emitted, for observers: what `onEmit` receives. */
export interface EmittedEvent {
  topic: string
  data: unknown
  traceId: string
  messageGroupId?: string
}

/**
 * Emit, as the engine does it: the topic must be declared by the emitting step, the data must pass
 * every subscriber's `input` schema, then one message per subscriber is stored before emit resolves.
 * `from` is null for emits that come from outside any step (admin endpoint, CLI).
 */
export function createEmitter(topics: ReadonlyMap<string, Subscriber[]>, queue: Queue, options: EmitterOptions = {}): EmitFn {
  const warnOnly = options.undeclaredEmits === 'warn'
  // Once per step and topic: a step that emits undeclared in a loop must not flood the log.
  const warned = new Set<string>()
  const { tracer } = options
  // The emit span's `subscribers`, once per topic (spans share the array; nobody changes it).
  const names = new Map<string, string[]>()
  const subscriberNames = (topic: string, subscribers: readonly Subscriber[]) => {
    let list = names.get(topic)
    if (list === undefined) names.set(topic, (list = subscribers.map((subscriber) => subscriber.step.name)))
    return list
  }
  return async (from, event, traceId, parentSpanId) => {
    if (event === null || typeof event !== 'object' || typeof event.topic !== 'string' || event.topic === '') {
      throw new MotiaError('E_EMIT_VALIDATION', `emit expects { topic: string, data }, got ${describeValue(event)}`, { retryable: false })
    }
    const { topic, data, messageGroupId } = event
    if (from && !from.emitTopics.has(topic)) {
      if (!warnOnly) throw undeclaredEmit(from.name, topic, [...from.emitTopics])
      const message = `Step "${from.name}" emitted to topic "${topic}", which is not in its \`emits\`: delivered anyway (compat.undeclaredEmits is 'warn' in motia.config.ts)`
      const key = `${from.name}\0${topic}`
      if (!warned.has(key)) options.warn?.(message, from, traceId)
      warned.add(key)
    }
    // Checked here, not by the queue, so the error names the emitter and comes even with no subscriber.
    // null is Python's None: the default group.
    if (messageGroupId !== undefined && messageGroupId !== null && typeof messageGroupId !== 'string') {
      const who = from ? `Step "${from.name}"` : 'An emit'
      throw new MotiaError(
        'E_EMIT_VALIDATION',
        `${who} emitted to "${topic}" with a messageGroupId that is not a string: got ${describeValue(messageGroupId)}. Pass a string, or leave messageGroupId out.`,
        { retryable: false },
      )
    }
    const subscribers = topics.get(topic) ?? []
    const messages: NewMessage[] = []
    for (const subscriber of subscribers) {
      const issues = subscriber.validate?.(data)
      if (issues) {
        throw new MotiaError(
          'E_EMIT_VALIDATION',
          `Data emitted to "${topic}" does not match the input schema of step "${subscriber.step.name}": ${formatIssues(issues)}`,
          { retryable: false },
        )
      }
      messages.push({
        topic,
        stepName: subscriber.step.name,
        data,
        traceId,
        messageGroupId: messageGroupId ?? undefined,
        delayMs: subscriber.delayMs,
      })
    }
    const span = tracer && emitSpan(tracer, from, topic, subscriberNames(topic, subscribers), traceId, parentSpanId, messages)
    try {
      if (messages.length > 0) await queue.enqueue(messages)
    } catch (error) {
      if (span) tracer?.endSpan(span, 'error')
      throw error
    }
    if (span) tracer?.endSpan(span)
    options.onEmit?.({ topic, data, traceId, messageGroupId: messageGroupId ?? undefined })
  }
}

function emitSpan(tracer: Tracer, from: Step | null, topic: string, subscribers: string[], traceId: string, parentSpanId: string | undefined, messages: NewMessage[]): RecordedSpan {
  const attributes: Record<string, SpanAttributeValue> = from ? { topic, subscribers, from: from.name } : { topic, subscribers }
  const span = tracer.startSpan(traceId, 'emit', `emit ${topic}`, parentSpanId, attributes)
  for (const message of messages) message.parentSpanId = span.spanId
  return span
}
