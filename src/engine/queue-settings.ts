import type { Subscription } from '../adapters/queue.js'
import type { Step } from '../project/step.js'

/** Defaults as in Motia v0.x, except `maxRetries`, which here counts retries after the first attempt. */
export const DEFAULT_QUEUE = { type: 'standard' as const, maxRetries: 3, delaySeconds: 0 }
/** Concurrency of a standard subscription that sets none: enough to pipeline, bounded so a burst cannot flood memory. */
export const DEFAULT_CONCURRENCY = 256

export function subscriptionOf(step: Step): Subscription {
  const queue = step.config.infrastructure?.queue ?? {}
  const type = queue.type ?? DEFAULT_QUEUE.type
  return {
    stepName: step.name,
    topics: step.config.subscribes ?? [],
    type,
    maxRetries: queue.maxRetries ?? DEFAULT_QUEUE.maxRetries,
    concurrency: queue.concurrency ?? DEFAULT_CONCURRENCY,
  }
}

export function delayMsOf(step: Step): number {
  return (step.config.infrastructure?.queue?.delaySeconds ?? DEFAULT_QUEUE.delaySeconds) * 1000
}
