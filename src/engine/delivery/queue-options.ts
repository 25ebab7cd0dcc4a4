// Checks what enters a local queue (constructor options, subscriptions, messages) and builds stored messages.
import { randomUUID } from 'node:crypto'
import { MotiaError } from '../../errors.js'
import type { BackoffOptions, DeliveryPolicy } from '../../adapters/delivery-policy.js'
import type { DeadLetter, NewMessage, QueueMessage, Subscription } from '../../adapters/queue.js'
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

const describe = (value: unknown) => `\`${typeof value === 'string' ? JSON.stringify(value) : String(value)}\` (${value === null ? 'null' : typeof value})`

const badOption = (what: string, expected: string, value: unknown) =>
  new MotiaError('E_BAD_OPTION', `Expected ${what} to be ${expected}, got ${describe(value)}.`, { retryable: false })

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

export function checkSubscription(subscription: Subscription): void {
  const { stepName, type, maxRetries, concurrency } = subscription
  if (typeof stepName !== 'string' || stepName === '') throw badOption('`subscription.stepName`', 'a non-empty string', stepName)
  if (type !== 'standard' && type !== 'fifo') throw badOption(`\`subscription.type\` of step "${stepName}"`, '"standard" or "fifo"', type)
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw badOption(`\`subscription.maxRetries\` of step "${stepName}"`, 'an integer >= 0', maxRetries)
  if (!Number.isInteger(concurrency) || concurrency < 1) throw badOption(`\`subscription.concurrency\` of step "${stepName}"`, 'an integer >= 1', concurrency)
}

/** A stored message for `message`, visible after its delay. */
export function toQueueMessage(message: NewMessage, now: number): QueueMessage {
  const { topic, stepName, data, traceId, messageGroupId, parentSpanId, delayMs = 0 } = message
  if (typeof stepName !== 'string' || stepName === '') throw badOption('a message `stepName`', 'a non-empty string', stepName)
  if (typeof topic !== 'string') throw badOption(`the \`topic\` of a message for step "${stepName}"`, 'a string', topic)
  if (typeof traceId !== 'string') throw badOption(`the \`traceId\` of a message for step "${stepName}"`, 'a string', traceId)
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
    throw badOption(`the \`delayMs\` of a message for step "${stepName}"`, 'a non-negative number', delayMs)
  }
  // Python sends None for "no group": both mean the default group.
  if (messageGroupId !== undefined && messageGroupId !== null && typeof messageGroupId !== 'string') {
    throw badOption(`the \`messageGroupId\` of a message for step "${stepName}"`, 'a string', messageGroupId)
  }
  const copy = copyData(data, topic, stepName)
  const stored: QueueMessage = { id: randomUUID(), topic, stepName, data: copy, traceId, attempts: 0, visibleAt: now + Math.ceil(delayMs), createdAt: now }
  if (typeof messageGroupId === 'string') stored.messageGroupId = messageGroupId
  if (typeof parentSpanId === 'string') stored.parentSpanId = parentSpanId
  return stored
}

/** The fresh message a replayed dead letter becomes: new id, attempts 0, visible now. */
export function revive(deadLetter: DeadLetter, now: number): QueueMessage {
  const { topic, stepName, data, traceId, messageGroupId } = deadLetter
  const message: QueueMessage = { id: randomUUID(), topic, stepName, data, traceId, attempts: 0, visibleAt: now, createdAt: now }
  if (messageGroupId !== undefined) message.messageGroupId = messageGroupId
  return message
}

/**
 * The queue's own copy of event data, as JSON would give it back after a restart. Data that JSON cannot
 * hold is refused by every local queue (it would be lost by the SQLite one), and the copy keeps the emitter
 * and the other subscribers, which hold the same object, from changing what a delivery receives.
 */
export function copyData(data: unknown, topic: string, stepName: string): unknown {
  try {
    return jsonCopy(data)
  } catch (error) {
    throw new MotiaError(
      'E_NOT_SERIALIZABLE',
      `Event data for topic "${topic}" (step "${stepName}") cannot be stored as JSON (${(error as Error).message}): emit plain JSON values (no BigInt, functions or cycles).`,
      { cause: error, retryable: false },
    )
  }
}

/** The value as JSON gives it back; throws what JSON.stringify throws (BigInt, cycles). */
export function jsonCopy(data: unknown): unknown {
  const text = JSON.stringify(data)
  return text === undefined ? undefined : JSON.parse(text)
}
