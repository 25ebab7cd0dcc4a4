// croner is required when the first cron step is checked or scheduled: an app without cron steps
// never loads it.
import { createRequire } from 'node:module'
import type { Cron } from 'croner'

export function cronClass(): typeof Cron {
  return (createRequire(import.meta.url)('croner') as { Cron: typeof Cron }).Cron
}

/** When `pattern` fires next after `after`, as the embedded scheduler would run it: the shared (Redis) schedule uses it too. */
export function nextCronRun(pattern: string, after: Date, timezone?: string): Date | undefined {
  return new (cronClass())(pattern, timezone ? { timezone } : {}).nextRun(after) ?? undefined
}
