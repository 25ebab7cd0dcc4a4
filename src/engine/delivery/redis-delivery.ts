// The engine's delivery policy bound for the BullMQ queue, which may not import the engine: the decisions
// with the app's backoff, the fifo partitioning and the lease, handed over as values.
import type { DeliveryPolicy } from '../../adapters/redis/delivery-policy.js'
import { checkBackoffOptions, type BackoffOptions } from '../backoff.js'
import { DEFAULT_FIFO_PARTITIONS, DELIVERY_LEASE_MS, decideAfterFailure, decideAfterInterruption, fifoPartition } from './policy.js'

export function redisDelivery(backoffOptions?: Partial<BackoffOptions>) {
  const backoff = checkBackoffOptions(backoffOptions)
  const policy: DeliveryPolicy = {
    afterFailure: (previousAttempts, maxRetries, error) => decideAfterFailure(previousAttempts, maxRetries, error, backoff),
    afterInterruption: (attempts, interrupted, maxRetries) => decideAfterInterruption(attempts, interrupted, maxRetries, backoff),
  }
  return {
    policy,
    fifoPartitions: DEFAULT_FIFO_PARTITIONS,
    fifoPartition: (messageGroupId: string | undefined) => fifoPartition(messageGroupId, DEFAULT_FIFO_PARTITIONS),
    leaseMs: DELIVERY_LEASE_MS,
  }
}
