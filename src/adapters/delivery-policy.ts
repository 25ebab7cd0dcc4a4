// The delivery decisions a queue adapter receives from the engine (src/engine/delivery/policy.ts makes them):
// adapters carry them out with their own mechanisms (a timer heap, BullMQ delayed jobs) but never decide.
import type { WireError } from '../errors.js'

export interface BackoffOptions {
  /** Delay scale of the first retry, in ms: its delay lies in [baseMs / 2, baseMs]. */
  baseMs: number
  /** Cap of the exponential step, in ms. */
  maxMs: number
}

export type FailureDecision =
  /** Deliver again after `delayMs`; `attempts` counts the failed deliveries so far. */
  | { action: 'retry'; attempts: number; delayMs: number }
  /** Retries are spent (or the error says it is not retryable): keep it as a dead letter. */
  | { action: 'dead-letter'; attempts: number; error: WireError }

/** One policy for every adapter: what a failure or an interruption makes of a message, and fifo partitions. */
export interface DeliveryPolicy {
  /** The retry delays the decisions use. */
  readonly backoff: BackoffOptions
  /** A delivery lease, renewed while the handler runs: a node that stops renewing it is lost after this long. */
  readonly leaseMs: number
  /** Partitions per fifo step on an adapter without native groups (each delivers one message at a time). */
  readonly fifoPartitions: number
  /** A handler failed a message that had failed `previousAttempts` times before. */
  afterFailure(previousAttempts: number, maxRetries: number, error: unknown): FailureDecision
  /** A delivery was interrupted `interrupted` times by its process's death; `attempts` already counts them. */
  afterInterruption(attempts: number, interrupted: number, maxRetries: number): FailureDecision
  /** The partition (0 .. fifoPartitions - 1) that keeps a message group's order; the default group is 0. */
  fifoPartition(messageGroupId: string | undefined): number
}
