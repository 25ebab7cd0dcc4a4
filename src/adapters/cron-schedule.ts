// The seam for cron schedules shared by several nodes: the schedule lives outside the process (BullMQ job
// schedulers on Redis) and each tick is handed to one node only. Without it, each app ticks on its own (croner).

/** One cron step as the shared schedule knows it. */
export interface ScheduledCron {
  /** The step's name: unique in a project, so it names the scheduler. */
  id: string
  /** The step's `cron` expression (5 fields, or 6 with leading seconds). */
  pattern: string
}

/** Runs one tick of the cron `id`, due at `scheduledFor`; resolves when the tick is over (it never rejects). */
export type CronTick = (id: string, scheduledFor: Date) => Promise<void>

/** When the cron `pattern` fires next, strictly after `after` (undefined: never again). The engine's croner semantics. */
export type NextCronRun = (pattern: string, after: Date, timezone?: string) => Date | undefined

export interface CronSchedule {
  /**
   * Makes `crons` the whole schedule: adds the missing ones, updates changed patterns, removes the schedulers
   * of crons no longer listed. From then on this node takes its share of the ticks and runs them with `onTick`.
   */
  apply(crons: readonly ScheduledCron[], onTick: CronTick): Promise<void>
  /** Stops taking ticks; waits up to `graceMs` for the ticks this node runs, then lets go of them. */
  close(graceMs: number): Promise<void>
}
