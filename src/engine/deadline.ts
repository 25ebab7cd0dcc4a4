import { handlerTimeout, leaseExpired, type MotiaError } from '../errors.js'
import type { InvocationKind } from '../languages/language.js'
import type { Step } from '../project/step.js'

/** How long an invocation may run when its step sets no `infrastructure.handler.timeout`: room for LLM calls. */
export const DEFAULT_HANDLER_TIMEOUT_S = 300

/** When one invocation must be over, and the error it fails with then. */
export interface Deadline {
  seconds: number
  expired(): MotiaError
}

/**
 * `infrastructure.handler.timeout` (default 300 s, for API and cron steps too); an event delivery also
 * ends with its lease, `infrastructure.queue.visibilityTimeout`, when that comes first.
 */
export function deadlineOf(step: Step, kind: InvocationKind): Deadline {
  const infrastructure = step.config.infrastructure
  const timeout = infrastructure?.handler?.timeout ?? DEFAULT_HANDLER_TIMEOUT_S
  const lease = kind === 'event' ? infrastructure?.queue?.visibilityTimeout : undefined
  if (lease !== undefined && lease < timeout) return { seconds: lease, expired: () => leaseExpired(step.name, lease) }
  return { seconds: timeout, expired: () => handlerTimeout(step.name, timeout) }
}
