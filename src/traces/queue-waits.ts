import type { QueueMessage } from '../adapters/queue.js'
import { RecordedSpan } from './recorded-span.js'
import { newSpanId } from './span-id.js'
import { spanClock, type Tracer } from './tracer.js'

// Failure times are kept for retries in this process only; past this many (dead-lettered messages
// never come back to claim theirs) the oldest are forgotten.
const MAX_REMEMBERED_FAILURES = 10_000

/**
 * The queue spans of one event step: the wait of each delivery, from enqueue (attempt 1) or from the
 * failed attempt (a retry) to the start of this attempt, as a child of the emit span.
 */
export class QueueWaits {
  readonly #failedAt = new Map<string, number>()

  constructor(private readonly tracer: Tracer) {}

  /** Records the wait that ends now; returns where the handler span hangs. */
  delivered(message: QueueMessage): { spanId: string; attempt: number } {
    const attempt = message.attempts + 1
    const now = spanClock()
    const failedAt = this.#failedAt.get(message.id)
    if (failedAt !== undefined) this.#failedAt.delete(message.id)
    // A retry after a restart: the failure time is gone, the wait starts when the message became visible again.
    const start = Math.min(now, attempt === 1 ? message.createdAt : (failedAt ?? message.visibleAt))
    const span = new RecordedSpan(message.traceId, newSpanId(), message.parentSpanId, 'queue', `queue ${message.stepName}`, start, {
      topic: message.topic,
      step: message.stepName,
      attempt,
      messageId: message.id,
    })
    span.end = now
    this.tracer.record(span)
    return { spanId: span.spanId, attempt }
  }

  failed(message: QueueMessage): void {
    if (this.#failedAt.size >= MAX_REMEMBERED_FAILURES) this.#failedAt.delete(this.#failedAt.keys().next().value as string)
    this.#failedAt.set(message.id, spanClock())
  }
}
