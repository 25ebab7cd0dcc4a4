import type { Cron } from 'croner'
import type { CronSchedule } from '../adapters/cron-schedule.js'
import { createLogger } from '../logger/logger.js'
import type { Step } from '../project/step.js'
import type { ContextServices } from './context.js'
import { deadlineOf } from './deadline.js'
import { invokeStep } from './invoke.js'
import { cronClass } from './load-croner.js'
import { newTraceId } from './trace-id.js'

/**
 * Runs cron steps on schedule; each tick gets a new traceId. A tick that is still running skips the next one.
 * Alone, the app keeps the schedule itself (croner); given a `shared` schedule (BullMQ job schedulers on
 * Redis), each tick runs on one node of all that share it.
 */
export class CronScheduler {
  private jobs: Cron[] = []
  private readonly running = new Set<Promise<void>>()
  /** Shared schedule: the cron steps by name, and those whose tick runs on this node. */
  private cronSteps = new Map<string, Step>()
  private readonly ticking = new Set<string>()
  private applying: Promise<void> = Promise.resolve()

  constructor(
    private readonly services: ContextServices,
    private readonly shared?: CronSchedule,
  ) {}

  /** Schedules the cron steps of `steps`; with a shared schedule, resolves once it is applied (rejects if Redis refuses). */
  start(steps: readonly Step[]): Promise<void> {
    const cronSteps = steps.filter((step) => step.type === 'cron')
    if (this.shared) {
      this.cronSteps = new Map(cronSteps.map((step) => [step.name, step]))
      // The shared schedule also drops the schedulers of cron steps that are gone: applied even when there is none.
      const crons = cronSteps.map((step) => ({ id: step.name, pattern: step.config.cron as string }))
      this.applying = this.shared.apply(crons, (id, scheduledFor) => this.sharedTick(id, scheduledFor))
      return this.applying
    }
    if (cronSteps.length === 0) return Promise.resolve()
    const CronJob = cronClass()
    for (const step of cronSteps) {
      const job = new CronJob(step.config.cron as string, { protect: true }, (self: Cron) => this.tick(step, dueTime(self)))
      this.jobs.push(job)
    }
    return Promise.resolve()
  }

  /**
   * Schedules `steps` instead of the steps scheduled so far (a `motia dev` reload): every job stops and
   * the new set starts. Ticks under way finish; `close` still waits for them.
   */
  reschedule(steps: readonly Step[]): void {
    for (const job of this.jobs) job.stop()
    this.jobs = []
    const previous = this.applying
    void previous
      .catch(() => undefined)
      .then(() => this.start(steps))
      .catch((error: unknown) => this.logger().error(`Could not update the cron schedule in Redis: ${error instanceof Error ? error.message : String(error)}`))
  }

  /** Runs one tick now (also used by the scheduler itself). `scheduledFor`: the time the tick was due. */
  tick(step: Step, scheduledFor?: Date): Promise<void> {
    const { tracer } = this.services
    const traceId = newTraceId()
    const due = scheduledFor && { scheduledFor: scheduledFor.toISOString() }
    // The tick is the root of its trace; the handler span is its child.
    const span = tracer?.startSpan(traceId, 'cron', step.name, undefined, { step: step.name, cron: step.config.cron as string, ...due })
    const { context, result } = invokeStep(step, 'cron', undefined, traceId, deadlineOf(step, 'cron'), this.services, { spanId: span?.spanId, attempt: 1 })
    context.logger.debug('Cron tick', due)
    const run = result.then(
      () => {
        if (span) tracer?.endSpan(span)
      },
      (error: unknown) => {
        if (span) tracer?.endSpan(span, 'error')
        context.logger.error(`Cron handler failed: ${error instanceof Error ? error.message : String(error)}`, { error })
      },
    )
    this.running.add(run)
    void run.finally(() => this.running.delete(run))
    return run
  }

  /** Stops scheduling and waits for running ticks up to `graceMs`. */
  async close(graceMs: number): Promise<void> {
    for (const job of this.jobs) job.stop()
    if (this.shared) return this.shared.close(graceMs)
    if (this.running.size === 0) return
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())])
  }

  // A tick handed over by the shared schedule: skipped while this node still runs the step's previous tick,
  // as croner's `protect` does for the embedded schedule.
  private async sharedTick(id: string, scheduledFor: Date): Promise<void> {
    const step = this.cronSteps.get(id)
    if (!step) return
    if (this.ticking.has(id)) {
      createLogger(this.services.sink, { step: id }).warn(`Cron tick for ${scheduledFor.toISOString()} skipped: the previous tick still runs on this node`)
      return
    }
    this.ticking.add(id)
    try {
      await this.tick(step, scheduledFor)
    } finally {
      this.ticking.delete(id)
    }
  }

  private logger() {
    return createLogger(this.services.sink, { step: 'motia' })
  }
}

// croner's currentRun is when the run started (a few ms past the second); cron patterns name whole seconds.
function dueTime(job: Cron): Date | undefined {
  const started = job.currentRun()
  return started ? new Date(Math.floor(started.getTime() / 1000) * 1000) : undefined
}
