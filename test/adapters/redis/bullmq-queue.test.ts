import { basename } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { BullmqQueue } from '../../../src/adapters/redis/bullmq-queue.js'
import { checkBackoffOptions } from '../../../src/engine/backoff.js'
import { deliveryPolicy } from '../../../src/engine/delivery/policy.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { queueContract } from '../queue.contract.js'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.close()
})

queueContract({
  name: 'BullmqQueue',
  // The temp dir names the app: two queues on one dir are one app restarted (or two nodes), on its own prefix.
  create: (dir, options) =>
    new BullmqQueue({
      url: redis.url,
      prefix: `test-${basename(dir)}`,
      // Each retry costs BullMQ round trips; with the suite's 5 ms delays a loaded machine can let a failing message
      // spend all its retries before another queue's first delivery starts (the restart case counts on it not).
      policy: deliveryPolicy(checkBackoffOptions({ baseMs: Math.max(50, options.backoff.baseMs), maxMs: Math.max(200, options.backoff.maxMs) })),
      leaseMs: 1_000,
      onDeadLetter: options.onDeadLetter,
      onWarning: options.onWarning ?? (() => {}),
      onError: (error) => console.error(error),
    }),
})
