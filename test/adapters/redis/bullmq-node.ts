import { BullmqQueue, type BullmqQueueOptions } from '../../../src/adapters/redis/bullmq-queue.js'
import { checkBackoffOptions } from '../../../src/engine/backoff.js'
import { deliveryPolicy } from '../../../src/engine/delivery/policy.js'

/** One node of the app `prefix` on the Redis at `url`: fast retries (5-20 ms) and a 1 s lease, for tests. */
export function bullmqNode(url: string, prefix: string, extra: Partial<BullmqQueueOptions> = {}): BullmqQueue {
  return new BullmqQueue({
    url,
    prefix,
    policy: deliveryPolicy(checkBackoffOptions({ baseMs: 5, maxMs: 20 })),
    leaseMs: 1_000,
    onWarning: () => {},
    onError: (error) => console.error(error),
    ...extra,
  })
}
