// The event queue on BullMQ: a queue per (topic, subscribing step) in the app's Redis, shared by every node.
// Retries, dead letters and fifo partitions follow the engine's policy, handed in as functions.
import { Queue as BullQueue } from 'bullmq'
import type { Redis } from 'ioredis'
import { MotiaError } from '../../errors.js'
import { checkSubscription, revive, toQueueMessage } from '../queue-messages.js'
import type { DeadLetter, DeliveryHandler, NewMessage, Queue, QueueMessage, Subscription } from '../queue.js'
import { redisClient } from './connection.js'
import { DeadLetterStore } from './dead-letters.js'
import { JobBatcher, batchLimit } from './job-batcher.js'
import { isBatch, type StoredBatch, type StoredMessage } from './job-delivery.js'
import type { DeliveryPolicy } from '../delivery-policy.js'
import { OutageReport } from './outage-report.js'
import { deadLettersKey, eventQueueName, queueRegistryKey } from './queue-names.js'
import { QueueRegistry, orphanWarning } from './queue-registry.js'
import { Slots } from './slots.js'
import { StepWorkers } from './step-workers.js'
import { boundedWait, settleWithin } from './timing.js'

export interface BullmqQueueOptions {
  url: string
  /** Key prefix of every queue and key (MOTIA_REDIS_PREFIX, default `motia`): apps sharing a Redis use distinct ones. */
  prefix: string
  /** The engine's decisions: retries, dead letters, fifo partitions (the same on every node) and the lease. */
  policy: DeliveryPolicy
  /**
   * The delivery lease (BullMQ's lock duration and stalled-check interval), when not the policy's: a dead node's
   * jobs move after about this long.
   */
  leaseMs?: number
  /** How long `enqueue` waits for a Redis that does not answer before it rejects. Default 5 s. */
  enqueueTimeoutMs?: number
  onDeadLetter?: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  onError: (error: unknown) => void
}

const DEFAULT_ENQUEUE_TIMEOUT_MS = 5_000
const EVENT_STREAM_LENGTH = 100
/** After close()'s grace, handlers that did finish get this long to record their outcome in Redis. */
const BOOKKEEPING_MS = 2_000
/** A job BullMQ retries only when our own bookkeeping failed (lock lost, Redis gone mid-update). */
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true, attempts: 1_000_000, backoff: { type: 'fixed', delay: 1_000 } }

interface StepEntry {
  subscription: Subscription
  workers: StepWorkers
}

export class BullmqQueue implements Queue {
  /** Workers' and dead letters' connection: commands wait for a reconnection, so a blip does not fail a delivery. */
  private readonly connection: Redis
  /** Producers' connection: no offline queue, so an emit while Redis is away fails at once (the API answers 5xx). */
  private readonly producerConnection: Redis
  /** The producers' first connection: an emit right after start waits for it (an outage later fails at once). */
  private readonly producerConnected: Promise<void>
  private readonly deadLetters: DeadLetterStore
  private readonly outage: OutageReport
  private readonly producers = new Map<string, BullQueue>()
  private readonly steps = new Map<string, StepEntry>()
  private readonly registry: QueueRegistry
  /** Emits to standard queues, committed in groups: one job per group. */
  private readonly batcher = new JobBatcher((name, messages) => this.addBatched(name, messages))
  /** Unsubscribed steps whose workers are still finishing their jobs. */
  private readonly retired = new Set<StepEntry>()
  /** Workers starting or stopping in the background (subscribe/unsubscribe are synchronous). */
  private readonly pending = new Set<Promise<unknown>>()
  private running = false
  private closing?: Promise<void>
  private closed = false

  constructor(private readonly options: BullmqQueueOptions) {
    this.connection = redisClient({ url: options.url, name: `${options.prefix}:queue-workers` })
    this.producerConnection = redisClient({ url: options.url, name: `${options.prefix}:queue-producers` }, { enableOfflineQueue: false })
    this.producerConnected = new Promise((resolve) => this.producerConnection.once('ready', () => resolve()))
    const host = new URL(options.url).host
    this.outage = new OutageReport(
      options.onError,
      {
        lost: (reason) => `Lost the connection to the Redis of the event queue (${host}): ${reason}. Reconnecting; events wait in Redis and emits fail until it answers again.`,
        back: `The Redis of the event queue (${host}) answers again: delivery resumes.`,
      },
      options.onWarning,
    )
    for (const client of [this.connection, this.producerConnection]) client.on('error', (error) => this.closing || this.outage.failed(error))
    this.producerConnection.on('ready', () => this.reconnected())
    this.deadLetters = new DeadLetterStore(this.connection, deadLettersKey(options.prefix))
    this.registry = new QueueRegistry(this.producerConnection, queueRegistryKey(options.prefix))
  }

  subscribe(subscription: Subscription, handler: DeliveryHandler): void {
    checkSubscription(subscription)
    if (!subscription.topics) {
      throw new MotiaError('E_BAD_OPTION', `Expected \`subscription.topics\` of step "${subscription.stepName}" to list its topics: the BullMQ queue keeps a queue per (topic, step).`, { retryable: false })
    }
    this.unsubscribe(subscription.stepName)
    const workers = new StepWorkers(
      {
        subscription,
        handler,
        policy: this.options.policy,
        slots: new Slots(subscription.concurrency),
        deadLetters: this.deadLetters,
        onDeadLetter: this.options.onDeadLetter,
        onError: this.options.onError,
        requeue: (message) => this.requeue(message),
      },
      {
        connection: this.connection,
        prefix: this.options.prefix,
        leaseMs: this.options.leaseMs ?? this.options.policy.leaseMs,
        fifoPartitions: this.options.policy.fifoPartitions,
        queueOf: (name) => this.producer(name),
        onConnectionError: (error) => this.closing || this.outage.failed(error),
      },
    )
    this.steps.set(subscription.stepName, { subscription, workers })
    if (this.running) this.track(workers.start())
  }

  unsubscribe(stepName: string): void {
    const entry = this.steps.get(stepName)
    if (!entry) return
    this.steps.delete(stepName)
    this.retired.add(entry)
    this.track(entry.workers.close().finally(() => this.retired.delete(entry)))
  }

  async enqueue(messages: NewMessage[]): Promise<void> {
    if (this.closed) throw closedError()
    const now = Date.now()
    // All checked before any is added: a call with one bad message stores none.
    const stored = messages.map((message) => toQueueMessage(message, now))
    const byQueue = new Map<string, QueueMessage[]>()
    for (const message of stored) {
      const name = this.queueNameOf(message)
      const list = byQueue.get(name)
      if (list) list.push(message)
      else byQueue.set(name, [message])
    }
    const queues = [...byQueue].map(([name, [first]]) => ({ name, topic: first!.topic, stepName: first!.stepName }))
    const storing = this.producerConnected.then(() => Promise.all([this.addAll(byQueue, now), this.registry.register(queues)]))
    try {
      await boundedWait(storing, this.options.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS, () => new Error('no answer in time'))
    } catch (error) {
      throw unavailableError(this.options.url, stored.length, error)
    }
  }

  private addAll(byQueue: Map<string, QueueMessage[]>, now: number): Promise<unknown> {
    return Promise.all(
      [...byQueue].map(([name, list]) => {
        // A standard step's messages visible now are committed in groups (job-batcher.ts). A fifo partition's are not,
        // so that a job is one message of its group; a delayed message waits as a delayed job of its own.
        if (list.every((message) => message.visibleAt <= now) && this.batchLimitOf(list[0]!.stepName) > 1) return this.batcher.add(name, list)
        return this.addEach(name, list, now)
      }),
    )
  }

  /** How many messages a job of this step may carry: 1 (no groups) for fifo, and for a step not subscribed here. */
  private batchLimitOf(stepName: string): number {
    const subscription = this.steps.get(stepName)?.subscription
    return subscription?.type === 'standard' ? batchLimit(subscription.concurrency) : 1
  }

  /** One job per message. One message (the usual emit) is one `add`: `addBulk` builds an ioredis pipeline, which copies every one of BullMQ's Lua scripts onto itself (a third of a node's CPU per chain). */
  private addEach(name: string, list: QueueMessage[], now: number): Promise<unknown> {
    const producer = this.producer(name)
    if (list.length > 1) return producer.addBulk(list.map((message) => jobOf(message, now)))
    const { data, opts } = jobOf(list[0]!, now)
    return producer.add(list[0]!.stepName, data, opts)
  }

  /** A group of messages: a lone one as its own job (as unbatched), more as jobs of up to the step's batch limit. */
  private addBatched(name: string, messages: QueueMessage[]): Promise<unknown> {
    if (messages.length === 1) return this.addEach(name, messages, Date.now())
    const producer = this.producer(name)
    const limit = this.batchLimitOf(messages[0]!.stepName)
    const adds: Promise<unknown>[] = []
    for (let from = 0; from < messages.length; from += limit) {
      const group = messages.slice(from, from + limit)
      if (group.length === 1) {
        adds.push(this.addEach(name, group, Date.now()))
        continue
      }
      const batch: StoredBatch = { batch: group }
      adds.push(producer.add(batch.batch[0]!.stepName, batch, { ...JOB_OPTIONS, jobId: `batch-${batch.batch[0]!.id}` }))
    }
    return Promise.all(adds)
  }

  /** A message of a batch that is retried goes on as a job of its own (its id as the job's: adding it twice adds it once). */
  private requeue(message: StoredMessage): Promise<unknown> {
    const { data, opts } = jobOf(message, Date.now())
    return this.producer(this.queueNameOf(message)).add(message.stepName, data, opts)
  }

  async start(): Promise<void> {
    if (this.closing) throw closedError()
    if (this.running) return
    this.running = true
    await this.answered(this.producerConnected)
    await Promise.all([...this.steps.values()].map((entry) => entry.workers.start()))
    await this.reportUnsubscribed()
  }

  close(graceMs = 0): Promise<void> {
    this.closing ??= this.shutDown(graceMs)
    return this.closing
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    if (this.closed) throw closedError()
    return this.answered(this.deadLetters.list())
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    if (this.closed) throw closedError()
    const letter = await this.answered(this.deadLetters.take(id))
    if (!letter) return false
    const message = revive(letter, Date.now())
    try {
      await this.producer(this.queueNameOf(message)).add(message.stepName, message, { ...JOB_OPTIONS, jobId: message.id })
    } catch (error) {
      await this.deadLetters.restore(letter)
      throw error
    }
    return true
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    if (this.closed) throw closedError()
    return this.answered(this.deadLetters.discard(id))
  }

  /** An admin call (list, replay, discard) fails with a clear error instead of hanging while Redis is away. */
  private async answered<T>(work: Promise<T>): Promise<T> {
    try {
      return await boundedWait(work, this.options.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS, () => new Error('no answer in time'))
    } catch (error) {
      throw new MotiaError('E_REDIS_UNAVAILABLE', `The Redis of the event queue (${new URL(this.options.url).host}) did not answer (${error instanceof Error ? error.message : String(error)}). Check that Redis is up, then retry.`, { cause: error })
    }
  }

  /**
   * A fifo step's messages go to the partition of their group; a standard step's to its one queue. A step not
   * subscribed here (yet) is taken as fifo when the message has a group, as only fifo steps care about groups.
   */
  private queueNameOf(message: QueueMessage): string {
    const type = this.steps.get(message.stepName)?.subscription.type
    const fifo = type ? type === 'fifo' : message.messageGroupId !== undefined
    return eventQueueName(message.topic, message.stepName, fifo ? this.options.policy.fifoPartition(message.messageGroupId) : undefined)
  }

  private producer(name: string): BullQueue {
    let queue = this.producers.get(name)
    if (!queue) {
      // Nothing reads BullMQ's per-queue event stream: a short one, as a fifo step has sixteen queues per topic.
      queue = new BullQueue(name, { connection: this.producerConnection, prefix: this.options.prefix, streams: { events: { maxLen: EVENT_STREAM_LENGTH } } })
      queue.on('error', (error) => this.closing || this.outage.failed(error))
      this.producers.set(name, queue)
    }
    return queue
  }

  /** Warns once per step (and per dropped topic) about stored messages that no subscription here takes. */
  private async reportUnsubscribed(): Promise<void> {
    const counts = new Map<string, { stepName: string; topic?: string; stored: number }>()
    for (const { name, topic, stepName } of await this.registry.list()) {
      const subscription = this.steps.get(stepName)?.subscription
      if (subscription?.topics?.includes(topic)) continue
      const stored = await storedMessages(this.producer(name))
      const key = subscription ? `${stepName}\n${topic}` : stepName
      const entry = counts.get(key) ?? { stepName, topic: subscription ? topic : undefined, stored: 0 }
      entry.stored += stored
      counts.set(key, entry)
    }
    for (const { stepName, topic, stored } of counts.values()) if (stored > 0) this.options.onWarning(orphanWarning(stepName, stored, topic))
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error) => this.closing || this.options.onError(error)).finally(() => this.pending.delete(tracked))
    this.pending.add(tracked)
  }

  /**
   * Stops taking jobs and waits up to `graceMs` for those in flight. A handler still running after that is
   * abandoned: its lock is no longer renewed, and another node (or the next start) takes the job over as stalled.
   */
  private async shutDown(graceMs: number): Promise<void> {
    this.running = false
    const workers = [...this.steps.values(), ...this.retired].map((entry) => entry.workers)
    this.steps.clear()
    const stopped = await settleWithin(Promise.all([...workers.map((w) => w.close()), ...this.pending]), graceMs)
    if (!stopped) await settleWithin(Promise.all(workers.map((w) => w.recorded())), BOOKKEEPING_MS)
    await settleWithin(Promise.all([...this.producers.values()].map((queue) => queue.close().catch(() => {}))), BOOKKEEPING_MS)
    this.closed = true
    this.connection.disconnect()
    this.producerConnection.disconnect()
  }

  /** Redis answers again (after an outage, maybe restarted empty): fifo partitions get their global concurrency back. */
  private reconnected(): void {
    this.outage.recovered()
    if (!this.running || this.closing) return
    for (const entry of this.steps.values()) this.track(entry.workers.limitPartitions())
  }
}

const WAITING_STATES = ['waiting', 'delayed', 'prioritized'] as const
const PAGE = 500

/** Messages waiting in a queue: its jobs, a batched job counting its messages (read a page at a time; only at start). */
export async function storedMessages(queue: BullQueue): Promise<number> {
  let messages = 0
  for (const state of WAITING_STATES) {
    const jobs = await queue.getJobCountByTypes(state)
    for (let from = 0; from < jobs; from += PAGE) {
      for (const job of await queue.getJobs([state], from, from + PAGE - 1)) messages += job && isBatch(job.data) ? job.data.batch.length : 1
    }
  }
  return messages
}

function jobOf(message: QueueMessage, now: number) {
  return { name: message.stepName, data: message, opts: { ...JOB_OPTIONS, jobId: message.id, delay: Math.max(0, message.visibleAt - now) } }
}

const closedError = () => new MotiaError('E_SHUTTING_DOWN', 'The queue is closed: create a new queue (or restart the app) to enqueue or deliver messages.')

function unavailableError(url: string, count: number, cause: unknown): MotiaError {
  const message = cause instanceof Error ? cause.message : String(cause)
  // ioredis's words for a producer connection that is down ("Stream isn't writeable and enableOfflineQueue...").
  const reason = /enableOfflineQueue/.test(message) ? 'not connected' : message
  return new MotiaError(
    'E_REDIS_UNAVAILABLE',
    `The Redis of the event queue (${new URL(url).host}) did not store ${count === 1 ? 'the event' : `${count} events`} (${reason}): the emit failed. Check that Redis is up, then retry.`,
    { cause },
  )
}
