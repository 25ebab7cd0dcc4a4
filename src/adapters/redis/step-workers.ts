// The BullMQ workers of one subscribing step on this node: one per topic for a standard step, one per fifo
// partition per topic for a fifo step (each partition delivered one job at a time across all nodes).
import { Worker, type Job, type Queue as BullQueue } from 'bullmq'
import type { Redis } from 'ioredis'
import { deliverJob, isBatch, type StepDelivery, type StoredBatch, type StoredMessage } from './job-delivery.js'
import { MessageIntake, initialJobConcurrency } from './message-intake.js'
import { eventQueueName } from './queue-names.js'

export interface WorkerSettings {
  connection: Redis
  prefix: string
  /** The delivery lease: BullMQ's lock, renewed every half of it while the handler runs. */
  leaseMs: number
  fifoPartitions: number
  /** The producer queue of a name (a fifo partition's global concurrency is set through it). */
  queueOf: (name: string) => BullQueue
  onConnectionError: (error: unknown) => void
}

export class StepWorkers {
  private readonly workers: Worker<StoredMessage | StoredBatch>[] = []
  private readonly stopping = new AbortController()
  /** Jobs being delivered, by job id: close() lets those whose handler settled record their outcome. */
  private readonly inFlight = new Map<string, { handlerSettled: boolean; done: Promise<unknown> }>()
  /** A standard step's fetches, counted in messages (a job may carry several); fifo partitions take one job at a time. */
  private readonly intake: MessageIntake | undefined

  constructor(
    private readonly step: Omit<StepDelivery, 'stopping'>,
    private readonly settings: WorkerSettings,
  ) {
    this.intake = step.subscription.type === 'standard' ? new MessageIntake(step.subscription.concurrency) : undefined
  }

  /** The queues this step consumes: its one queue per topic (standard), or its partitions per topic (fifo). */
  queueNames(type = this.step.subscription.type): string[] {
    const { stepName, topics = [] } = this.step.subscription
    if (type === 'standard') return topics.map((topic) => eventQueueName(topic, stepName))
    return topics.flatMap((topic) => [...Array(this.settings.fifoPartitions).keys()].map((partition) => eventQueueName(topic, stepName, partition)))
  }

  async start(): Promise<void> {
    // Set before the workers run: with a global concurrency of 1, no two nodes hold jobs of one partition.
    await this.limitPartitions()
    for (const name of this.queueNames()) this.run(name, this.concurrencyPerQueue())
    await this.adoptLeftovers()
  }

  /**
   * Messages stored in the other layout (while the step had the other type, or by a node still running the
   * older code of a rolling deploy) are delivered too, instead of waiting forever; fifo order does not hold for them.
   */
  private async adoptLeftovers(): Promise<void> {
    const other = this.step.subscription.type === 'fifo' ? 'standard' : 'fifo'
    const names = this.queueNames(other)
    const counts = await Promise.all(names.map((name) => this.settings.queueOf(name).getJobCountByTypes('waiting', 'delayed', 'prioritized')))
    for (const [i, name] of names.entries()) if (counts[i]! > 0) this.run(name, this.concurrencyPerQueue())
  }

  /** What a worker fetches at first: one job at a time per fifo partition; for a standard step, see message-intake.ts. */
  private concurrencyPerQueue(): number {
    const { type, concurrency } = this.step.subscription
    return type === 'fifo' ? 1 : initialJobConcurrency(concurrency)
  }

  /** A fifo step's partitions are delivered one job at a time across all nodes (kept in Redis, so set again after a restart of Redis). */
  async limitPartitions(): Promise<void> {
    if (this.step.subscription.type !== 'fifo') return
    await Promise.all(this.queueNames().map((name) => this.settings.queueOf(name).setGlobalConcurrency(1)))
  }

  private run(name: string, concurrency: number): void {
    const { connection, prefix, leaseMs } = this.settings
    const worker: Worker<StoredMessage | StoredBatch> = new Worker(name, (job, token) => this.deliver(worker, job, token), {
      connection,
      prefix,
      concurrency,
      autorun: false,
      lockDuration: leaseMs,
      stalledInterval: leaseMs,
      // Stalls are charged as attempts by the engine's policy (afterInterruption), which dead-letters a message that
      // keeps killing its node: BullMQ must never fail a stalled job on its own.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      // Only a failure of our own bookkeeping reaches BullMQ's retries (handler failures never do).
      runRetryDelay: 1_000,
    })
    worker.on('error', this.settings.onConnectionError)
    this.intake?.watch(worker)
    this.workers.push(worker)
    worker.run().catch(this.settings.onConnectionError)
  }

  private deliver(worker: Worker, job: Job<StoredMessage | StoredBatch>, token: string | undefined): Promise<void> {
    const id = job.id ?? ''
    const messages = isBatch(job.data) ? job.data.batch.length : 1
    this.intake?.taken(worker, messages)
    const entry = { handlerSettled: false, done: Promise.resolve() as Promise<unknown> }
    const delivery = deliverJob(job, token, { ...this.step, stopping: this.stopping.signal, onHandlerSettled: () => (entry.handlerSettled = true) })
    entry.done = delivery
      .catch(() => {})
      .finally(() => {
        this.inFlight.delete(id)
        this.intake?.released(worker, messages)
      })
    this.inFlight.set(id, entry)
    return delivery
  }

  /** Resolves once the jobs whose handler has settled have recorded their outcome: a hung handler is not waited for. */
  async recorded(): Promise<void> {
    await Promise.all([...this.inFlight.values()].filter((entry) => entry.handlerSettled).map((entry) => entry.done))
  }

  /** Stops taking jobs and resolves once the jobs in flight are done (callers bound the wait). */
  async close(): Promise<void> {
    this.stopping.abort()
    await Promise.all(this.workers.map((worker) => worker.close().catch(() => {})))
  }
}
