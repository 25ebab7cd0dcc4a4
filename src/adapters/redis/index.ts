// The Redis adapters, opened together: events on BullMQ, state and stream items in Redis hashes, stream
// changes over pub/sub, and cron steps on BullMQ job schedulers.
import type { CronSchedule, NextCronRun } from '../cron-schedule.js'
import type { DeliveryPolicy } from '../delivery-policy.js'
import type { DeadLetter, Queue } from '../queue.js'
import type { StateStore } from '../state-store.js'
import type { StreamChangeBus } from '../stream-change-bus.js'
import type { StreamStore } from '../stream-store.js'
import type { RedisSettings } from '../../config/redis-settings.js'
import { BullmqQueue } from './bullmq-queue.js'
import { checkRedis } from './connection.js'
import { BullmqCronSchedule } from './cron-schedule.js'
import { leaseMsOf } from './lease.js'
import { RedisStateStore } from './redis-state-store.js'
import { RedisStreamChangeBus } from './redis-stream-change-bus.js'
import { RedisStreamStore } from './redis-stream-store.js'

export interface RedisStorageOptions {
  settings: RedisSettings
  /** The engine's retry, dead-letter, fifo and lease decisions (adapters never import the engine). */
  policy: DeliveryPolicy
  onDeadLetter: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  /** Failures no caller waits for (a lost connection while idle): logged, never a crash. */
  onError: (error: unknown) => void
  /** When a cron pattern fires next (the engine's croner semantics), for the cron job schedulers. */
  nextCronRun: NextCronRun
  /** Stores the app was given instead (AppOptions): used as they are, and no Redis one is opened in their place. */
  given?: { queue?: Queue; state?: StateStore; streams?: StreamStore }
}

export interface RedisStorage {
  queue: Queue
  state: StateStore
  streams: StreamStore
  /** Stream changes to and from the other nodes on this Redis. */
  streamChanges: StreamChangeBus
  /** Cron steps on BullMQ job schedulers: each tick runs on one node. */
  cron: CronSchedule
}

/** Checks that the Redis answers (one clear error when it does not), then opens the adapters on it. */
export async function openRedisStorage(options: RedisStorageOptions): Promise<RedisStorage> {
  const { url, prefix } = options.settings
  await checkRedis(url, options.settings.source)
  // Subscribed before anything else opens: a failure here leaves no connection behind.
  const streamChanges = await RedisStreamChangeBus.open({ url, prefix, onError: options.onError })
  const { given = {} } = options
  const queue =
    given.queue ??
    new BullmqQueue({
      url,
      prefix,
      policy: options.policy,
      leaseMs: leaseMsOf(process.env, options.policy.leaseMs),
      onDeadLetter: options.onDeadLetter,
      onWarning: options.onWarning,
      onError: options.onError,
    })
  const state = given.state ?? new RedisStateStore({ url, prefix, onError: options.onError })
  const streams = given.streams ?? new RedisStreamStore({ url, prefix, onError: options.onError })
  const cron = new BullmqCronSchedule({ url, prefix, nextRun: options.nextCronRun, onError: options.onError })
  return { queue, state, streams, streamChanges, cron }
}
