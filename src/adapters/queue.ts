import type { WireError } from '../errors.js'

/** One delivery of one event to one subscribing step. */
export interface QueueMessage {
  id: string
  topic: string
  /** The subscriber this message is for: every subscriber gets its own message. */
  stepName: string
  data: unknown
  traceId: string
  messageGroupId?: string
  /** The emit span the message came from: its queue wait and handler spans are children of it. */
  parentSpanId?: string
  /** Failed deliveries so far. */
  attempts: number
  /** Epoch ms before which the message is not delivered (delaySeconds, retry backoff). */
  visibleAt: number
  createdAt: number
}

export type NewMessage = Omit<QueueMessage, 'id' | 'attempts' | 'visibleAt' | 'createdAt'> & { delayMs?: number }

export interface Subscription {
  stepName: string
  /** The topics the step subscribes to: queues with a queue per (topic, step) (BullMQ) need them; the embedded queue ignores them. */
  topics?: readonly string[]
  type: 'standard' | 'fifo'
  /** Retries after the first attempt. */
  maxRetries: number
  /** Most deliveries in flight at once for this step. */
  concurrency: number
}

/** Resolves when the delivery succeeded; rejects to retry (or dead-letter once retries are spent). */
export type DeliveryHandler = (message: QueueMessage) => Promise<void>

export interface DeadLetter {
  id: string
  stepName: string
  topic: string
  data: unknown
  traceId: string
  messageGroupId?: string
  attempts: number
  error: WireError
  failedAt: number
}

/** The event queue seam: the embedded SQLite queue by default, memory for tests, Redis later. */
export interface Queue {
  /** Messages not yet done (pending, delayed, retrying, in flight), when the queue can tell: the test kit's `waitEvents`. */
  readonly heldMessages?: number
  /** Routes every message addressed to `subscription.stepName` to `handler`. */
  subscribe(subscription: Subscription, handler: DeliveryHandler): void
  unsubscribe(stepName: string): void
  /** Resolves once the messages are stored as durably as the implementation allows. */
  enqueue(messages: NewMessage[]): Promise<void>
  /** Starts delivery, including messages left pending, delayed or retrying by a previous run. */
  start(): Promise<void>
  /** Stops new deliveries, waits up to `graceMs` for in-flight ones, then releases resources. */
  close(graceMs?: number): Promise<void>
  listDeadLetters(): Promise<DeadLetter[]>
  /** Puts a dead letter back on the queue with a fresh attempt count. False when the id is unknown. */
  replayDeadLetter(id: string): Promise<boolean>
  discardDeadLetter(id: string): Promise<boolean>
}
