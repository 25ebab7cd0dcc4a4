// The delivery policy, decided once here for every queue adapter (embedded or BullMQ): what a failed or
// interrupted delivery becomes, which fifo partition a message group belongs to, and how long a lease lasts.
// Adapters carry the decisions out with their own mechanisms (a timer heap, BullMQ delayed jobs).
import type { BackoffOptions, DeliveryPolicy, FailureDecision } from '../../adapters/delivery-policy.js'
import { retryDelayMs } from '../backoff.js'
import { describeFailure, interruptedFailure } from './failure.js'

export type { FailureDecision }

/**
 * What a handler's failure makes of a message that had failed `previousAttempts` times before: a retry while
 * the error is retryable and retries remain (`maxRetries` counts retries after the first attempt), else a dead letter.
 */
export function decideAfterFailure(previousAttempts: number, maxRetries: number, error: unknown, backoff: BackoffOptions): FailureDecision {
  const attempts = previousAttempts + 1
  const wire = describeFailure(error)
  if (wire.retryable && attempts <= maxRetries) return { action: 'retry', attempts, delayMs: retryDelayMs(attempts, backoff) }
  return { action: 'dead-letter', attempts, error: wire }
}

/**
 * What a message becomes whose delivery was interrupted `interrupted` times by the death of its process (crash,
 * SIGKILL, a node lost), `attempts` already counting those as failures. It counts as failed (as SQS counts
 * receives), so a message whose handler kills the process reaches the dead letters instead of crash-looping.
 */
export function decideAfterInterruption(attempts: number, interrupted: number, maxRetries: number, backoff: BackoffOptions): FailureDecision {
  if (attempts > maxRetries) return { action: 'dead-letter', attempts, error: interruptedFailure(interrupted, attempts) }
  return { action: 'retry', attempts, delayMs: retryDelayMs(Math.max(1, attempts), backoff) }
}

/** Fifo partitions per step on an adapter without native groups: each is delivered one message at a time. */
export const DEFAULT_FIFO_PARTITIONS = 16

/**
 * The partition of a fifo message group: a stable hash (FNV-1a, 32 bit) of its id, so every node puts a group
 * in the same partition and its messages keep their order. The default group (no id) is partition 0.
 */
export function fifoPartition(messageGroupId: string | undefined, partitions: number): number {
  if (messageGroupId === undefined || partitions <= 1) return 0
  let hash = 0x811c9dc5
  for (let i = 0; i < messageGroupId.length; i++) {
    hash ^= messageGroupId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % partitions
}

/** A delivery lease, renewed while the handler runs: a node that stops renewing it is lost after this long. */
export const DELIVERY_LEASE_MS = 30_000

/**
 * The decisions above bound to one backoff, as the value an adapter receives (adapters never import the engine).
 * @example
 * const policy = deliveryPolicy(checkBackoffOptions({ baseMs: 100 }))
 * policy.afterFailure(0, 3, new Error('boom')) // { action: 'retry', attempts: 1, delayMs: 50..100 }
 */
export function deliveryPolicy(backoff: BackoffOptions, fifoPartitions = DEFAULT_FIFO_PARTITIONS): DeliveryPolicy {
  return {
    backoff,
    leaseMs: DELIVERY_LEASE_MS,
    fifoPartitions,
    afterFailure: (previousAttempts, maxRetries, error) => decideAfterFailure(previousAttempts, maxRetries, error, backoff),
    afterInterruption: (attempts, interrupted, maxRetries) => decideAfterInterruption(attempts, interrupted, maxRetries, backoff),
    fifoPartition: (messageGroupId) => fifoPartition(messageGroupId, fifoPartitions),
  }
}
