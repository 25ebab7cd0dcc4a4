// Group commit for emits to one BullMQ queue. An emit to a queue with no `add` on its way to Redis is added at once,
// as a job of its own; emits made while one is on its way wait for it and then go together, as one job. A lone emit
// waits for nothing, and under load each job carries many messages: one Redis round trip, one Lua script and one
// worker fetch stand for all of them (BullMQ's per-job cost was most of a chain's, for a node and for Redis).
import type { QueueMessage } from '../queue.js'

/** Most messages one job carries. */
const MAX_BATCH = 32

/**
 * The most messages a job of a step of this `concurrency` carries. A node holds a job's messages until it has
 * handled them all, so a group is at most an eighth of the step's concurrency: a step of low concurrency (slow
 * handlers, shared by few nodes) keeps one message per job.
 */
export const batchLimit = (concurrency: number): number => Math.max(1, Math.min(MAX_BATCH, Math.floor(concurrency / 8)))

/** Stores the messages of one queue (as one job, or several when there are more than a job holds). */
export type StoreMessages = (queueName: string, messages: QueueMessage[]) => Promise<unknown>

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

interface QueueBatch {
  sending: boolean
  messages: QueueMessage[]
  waiters: Waiter[]
}

export class JobBatcher {
  readonly #queues = new Map<string, QueueBatch>()

  constructor(private readonly store: StoreMessages) {}

  /** Resolves once `messages` are stored in Redis; rejects with the error of the `add` that carried them. */
  add(queueName: string, messages: QueueMessage[]): Promise<void> {
    let batch = this.#queues.get(queueName)
    if (batch === undefined) this.#queues.set(queueName, (batch = { sending: false, messages: [], waiters: [] }))
    const queued = batch
    return new Promise<void>((resolve, reject) => {
      for (const message of messages) queued.messages.push(message)
      queued.waiters.push({ resolve, reject })
      if (!queued.sending) this.#send(queueName, queued)
    })
  }

  #send(queueName: string, batch: QueueBatch): void {
    const { messages, waiters } = batch
    batch.messages = []
    batch.waiters = []
    batch.sending = true
    let stored: Promise<unknown>
    try {
      stored = this.store(queueName, messages)
    } catch (error) {
      stored = Promise.reject(error)
    }
    stored.then(
      () => this.#sent(queueName, batch, waiters, undefined),
      (error: unknown) => this.#sent(queueName, batch, waiters, { error }),
    )
  }

  #sent(queueName: string, batch: QueueBatch, waiters: Waiter[], failure: { error: unknown } | undefined): void {
    for (const waiter of waiters) {
      if (failure) waiter.reject(failure.error)
      else waiter.resolve()
    }
    batch.sending = false
    if (batch.messages.length > 0) this.#send(queueName, batch)
    else this.#queues.delete(queueName)
  }
}
