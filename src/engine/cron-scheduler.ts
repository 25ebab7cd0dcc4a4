import type { Cron } from 'croner'
import type { Step } from '../project/step.js'
import type { ContextServices } from './context.js'
import { deadlineOf } from './deadline.js'
import { invokeStep } from './invoke.js'
import { cronClass } from './load-croner.js'
import { newTraceId } from './trace-id.js'

/** Runs cron steps on schedule; each tick gets a new traceId. A tick that is still running skips the next one. */
export class CronScheduler {
  private jobs: Cron[] = []
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly services: ContextServices) {}

  start(steps: readonly Step[]): void {
    const cronSteps = steps.filter((step) => step.type === 'cron')
    if (cronSteps.length === 0) return
    const CronJob = cronClass()
    for (const step of cronSteps) {
      const job = new CronJob(step.config.cron as string, { protect: true }, () => this.tick(step))
      this.jobs.push(job)
    }
  }

  /**
   * Schedules `steps` instead of the steps scheduled so far (a `motia dev` reload): every job stops and
   * the new set starts. Ticks under way finish; `close` still waits for them.
   */
  reschedule(steps: readonly Step[]): void {
    for (const job of this.jobs) job.stop()
    this.jobs = []
    this.start(steps)
  }

  /** Runs one tick now (also used by the scheduler itself). */
  tick(step: Step): Promise<void> {
    const { tracer } = this.services
    const traceId = newTraceId()
    // The tick is the root of its trace; the handler span is its child.
    const span = tracer?.startSpan(traceId, 'cron', step.name, undefined, { step: step.name, cron: step.config.cron as string })
    const { context, result } = invokeStep(step, 'cron', undefined, traceId, deadlineOf(step, 'cron'), this.services, { spanId: span?.spanId, attempt: 1 })
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
    if (this.running.size === 0) return
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())])
  }
}
