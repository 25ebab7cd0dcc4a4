// croner is required when the first cron step is checked or scheduled: an app without cron steps
// never loads it.
import { createRequire } from 'node:module'
import type { Cron } from 'croner'

export function cronClass(): typeof Cron {
  return (createRequire(import.meta.url)('croner') as { Cron: typeof Cron }).Cron
}
