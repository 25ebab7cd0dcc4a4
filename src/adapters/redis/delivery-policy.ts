// The engine's delivery decisions, as the BullMQ queue receives them: adapters never import the engine,
// so `openRedisStorage`'s caller binds the policy (and its backoff) and hands the functions in.
import type { WireError } from '../../errors.js'

export type DeliveryDecision =
  | { action: 'retry'; attempts: number; delayMs: number }
  | { action: 'dead-letter'; attempts: number; error: WireError }

export interface DeliveryPolicy {
  /** A handler failed; `previousAttempts` failed deliveries came before this one. */
  afterFailure(previousAttempts: number, maxRetries: number, error: unknown): DeliveryDecision
  /** A node died `interrupted` times while delivering the message; `attempts` already counts those. */
  afterInterruption(attempts: number, interrupted: number, maxRetries: number): DeliveryDecision
}
