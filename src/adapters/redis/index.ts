// The Redis adapters, opened together: events on BullMQ, state and stream items in Redis hashes.
import type { DeadLetter, Queue } from '../queue.js'
import type { StateStore } from '../state-store.js'
import type { StreamStore } from '../stream-store.js'
import type { CronSchedule, NextCronRun } from '../cron-schedule.js'
import type { RedisSettings } from '../../config/redis-settings.js'
import { MemoryStateStore, MemoryStreamStore } from '../memory/index.js'
import { BullmqQueue } from './bullmq-queue.js'
import { checkRedis } from './connection.js'
import { BullmqCronSchedule } from './cron-schedule.js'
import type { DeliveryPolicy } from './delivery-policy.js'
import { leaseMsOf } from './lease.js'

export type { DeliveryDecision, DeliveryPolicy } from './delivery-policy.js'

export interface RedisStorageOptions {
  settings: RedisSettings
  /** The engine's delivery decisions (its backoff bound in), and how it spreads fifo groups on partitions. */
  delivery: {
    policy: DeliveryPolicy
    fifoPartitions: number
    fifoPartition: (messageGroupId: string | undefined) => number
    /** The engine's delivery lease; MOTIA_REDIS_LEASE_MS overrides it. */
    leaseMs: number
  }
  onDeadLetter: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  /** Failures no caller waits for (a lost connection while idle): logged, never a crash. */
  onError: (error: unknown) => void
  /** When a cron pattern fires next (the engine's croner semantics), for the cron job schedulers. */
  nextCronRun: NextCronRun
}

export interface RedisStorage {
  queue: Queue
  state: StateStore
  streams: StreamStore
  /** Cron steps on BullMQ job schedulers: each tick runs on one node. */
  cron: CronSchedule
}

/** Checks that the Redis answers (one clear error when it does not), then opens the adapters on it. */
export async function openRedisStorage(options: RedisStorageOptions): Promise<RedisStorage> {
  await checkRedis(options.settings.url, options.settings.source)
  const { policy, fifoPartitions, fifoPartition, leaseMs } = options.delivery
  const queue: Queue = new BullmqQueue({
    url: options.settings.url,
    prefix: options.settings.prefix,
    policy,
    fifoPartitions,
    fifoPartition,
    leaseMs: leaseMsOf(process.env, leaseMs),
    onDeadLetter: options.onDeadLetter,
    onWarning: options.onWarning,
    onError: options.onError,
  })
  // BASE-BRANCH STAND-INS, each replaced by its part: the Redis state store, the Redis stream store.
  const state: StateStore = new MemoryStateStore()
  const streams: StreamStore = new MemoryStreamStore()
  const cron: CronSchedule = new BullmqCronSchedule({ url: options.settings.url, prefix: options.settings.prefix, nextRun: options.nextCronRun, onError: options.onError })
  return { queue, state, streams, cron }
}
