// Checks a local queue's constructor options (subscriptions and messages: src/adapters/queue-messages.ts).
import type { BackoffOptions, DeliveryPolicy } from '../../adapters/delivery-policy.js'
import type { DeadLetter } from '../../adapters/queue.js'
import { badOption } from '../../adapters/queue-messages.js'
import { checkBackoffOptions } from '../backoff.js'
import { DEFAULT_MEMORY_WINDOW } from './backlog.js'
import { deliveryPolicy } from './policy.js'

export interface LocalQueueOptions {
  /** Retry delays; defaults to DEFAULT_BACKOFF (1 s doubling up to 5 min, with jitter). */
  backoff?: Partial<BackoffOptions>
  /** Failures that belong to no caller (a lazy write that failed, a throwing onDeadLetter). Default: console.error. */
  onError?: (error: unknown) => void
  /** Called once a message has been moved to the dead letters. */
  onDeadLetter?: (deadLetter: DeadLetter) => void
  /** Conditions worth a log line that are not failures (stored messages no step subscribes to). Default: console.warn. */
  onWarning?: (message: string) => void
  /**
   * Most messages held in memory at once when the store keeps them all (SQLite); the backlog beyond waits in
   * the store and is read a page at a time as deliveries finish. Default DEFAULT_MEMORY_WINDOW (10,000).
   * The memory queue holds every message and ignores it.
   */
  memoryWindow?: number
}

export interface CheckedOptions {
  policy: DeliveryPolicy
  onError: (error: unknown) => void
  onDeadLetter?: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  memoryWindow: number
}

export function checkQueueOptions(options: LocalQueueOptions = {}): CheckedOptions {
  for (const key of ['onError', 'onDeadLetter', 'onWarning'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw badOption(`the \`${key}\` option`, 'a function', options[key])
  }
  return {
    policy: deliveryPolicy(checkBackoffOptions(options.backoff)),
    onError: options.onError ?? ((error) => console.error('[motia queue]', error)),
    onDeadLetter: options.onDeadLetter,
    onWarning: options.onWarning ?? ((message) => console.warn('[motia queue]', message)),
    memoryWindow: checkMemoryWindow(options.memoryWindow),
  }
}

function checkMemoryWindow(window: unknown): number {
  if (window === undefined) return DEFAULT_MEMORY_WINDOW
  if (!Number.isInteger(window) || (window as number) < 1) throw badOption('the `memoryWindow` option', 'an integer >= 1', window)
  return window as number
}

