// Cron steps on BullMQ job schedulers: one scheduler per cron step in Redis, so each tick becomes one job
// and exactly one node's worker takes it, however many nodes run. The engine says when a pattern fires next
// (its croner semantics, the same as the embedded scheduler) and what a tick does.
import { Queue, Worker, type Job, type RepeatStrategy } from 'bullmq'
import type { Redis } from 'ioredis'
import type { CronSchedule, CronTick, NextCronRun, ScheduledCron } from '../cron-schedule.js'
import { redisClient } from './connection.js'
import { OutageReport } from './outage-report.js'
import { settleWithin } from './timing.js'

export interface BullmqCronOptions {
  url: string
  /** Key prefix shared with the other Redis adapters (`MOTIA_REDIS_PREFIX`). */
  prefix: string
  nextRun: NextCronRun
  /** Failures no caller waits for (a lost connection while idle): logged, never a crash. */
  onError: (error: unknown) => void
}

const QUEUE_NAME = 'cron'
// Ticks of different cron steps run side by side; the engine skips a step's tick while its previous one runs here.
const TICK_CONCURRENCY = 16

export class BullmqCronSchedule implements CronSchedule {
  private readonly connection: Redis
  private readonly queue: Queue
  private readonly repeatStrategy: RepeatStrategy
  private worker?: Worker
  private onTick?: CronTick
  private crons: readonly ScheduledCron[] = []
  private readonly outage: OutageReport

  constructor(private readonly options: BullmqCronOptions) {
    this.outage = new OutageReport(options.onError, {
      lost: (reason) => `Lost the connection to the Redis of the cron schedule: ${reason}. Reconnecting; cron ticks resume when it answers again.`,
    })
    this.connection = redisClient({ url: options.url, name: `${options.prefix}:cron` })
    this.connection.on('error', this.failed)
    this.repeatStrategy = (millis, repeat) => (repeat.pattern ? options.nextRun(repeat.pattern, new Date(millis), repeat.tz)?.getTime() : undefined)
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: options.prefix, settings: { repeatStrategy: this.repeatStrategy } })
    this.queue.on('error', this.failed)
    this.connection.on('ready', () => {
      this.outage.recovered()
      // A Redis that comes back empty (restarted without persistence) has lost the schedulers: put them back.
      if (this.onTick) this.upsertSchedulers().catch(this.failed)
    })
  }

  async apply(crons: readonly ScheduledCron[], onTick: CronTick): Promise<void> {
    this.crons = crons
    this.onTick = onTick
    await this.upsertSchedulers()
    if (crons.length > 0) this.worker ??= this.startWorker()
  }

  async close(graceMs: number): Promise<void> {
    const worker = this.worker
    if (worker) {
      // close() stops taking ticks and waits for the running ones; past the grace period they are let go.
      if (!(await settleWithin(worker.close(), graceMs))) await worker.close(true)
    }
    await this.queue.close()
    this.connection.disconnect()
  }

  // Idempotent, so that several nodes starting together agree: a scheduler whose pattern is unchanged is left
  // alone (its next tick stays where it is), and BullMQ names a tick's job after its time, so two nodes adding
  // the same tick add one job.
  private async upsertSchedulers(): Promise<void> {
    const existing = new Map((await this.queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.pattern]))
    const wanted = new Set(this.crons.map((cron) => cron.id))
    for (const id of existing.keys()) if (!wanted.has(id)) await this.queue.removeJobScheduler(id)
    for (const cron of this.crons) {
      if (existing.get(cron.id) === cron.pattern) continue
      await this.queue.upsertJobScheduler(cron.id, { pattern: cron.pattern }, { name: cron.id, opts: { removeOnComplete: true, removeOnFail: true } })
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(QUEUE_NAME, (job: Job) => this.runTick(job), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: TICK_CONCURRENCY,
      settings: { repeatStrategy: this.repeatStrategy },
      // A tick whose node died is not run again on another node long after its time: at most once per tick.
      maxStalledCount: 0,
    })
    worker.on('error', this.failed)
    return worker
  }

  // While Redis is away every client fails on every reconnect attempt: one line per outage, other errors as they come.
  private readonly failed = (error: unknown): void => {
    if (this.connection.status === 'ready') return this.options.onError(error)
    this.outage.failed(error)
  }

  private runTick(job: Job): Promise<void> {
    const id = job.repeatJobKey ?? job.name
    // A scheduler's job carries the time it was due as prevMillis.
    const scheduledFor = new Date(job.opts.prevMillis ?? job.timestamp)
    return this.onTick ? this.onTick(id, scheduledFor) : Promise.resolve()
  }
}
