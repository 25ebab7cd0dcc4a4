// What enters any queue adapter, checked the same way by each (subscriptions, new messages) and the stored
// messages built from it: a seam shared by the engine's local queue and the BullMQ queue.
import { randomUUID } from 'node:crypto'
import { MotiaError } from '../errors.js'
import type { DeadLetter, NewMessage, QueueMessage, Subscription } from './queue.js'

const describe = (value: unknown) => `\`${typeof value === 'string' ? JSON.stringify(value) : String(value)}\` (${value === null ? 'null' : typeof value})`

export const badOption = (what: string, expected: string, value: unknown) =>
  new MotiaError('E_BAD_OPTION', `Expected ${what} to be ${expected}, got ${describe(value)}.`, { retryable: false })

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
