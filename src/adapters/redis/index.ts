// The Redis adapters, opened together: events on BullMQ, state and stream items in Redis hashes.
import type { DeadLetter, Queue } from '../queue.js'
import type { StateStore } from '../state-store.js'
import type { StreamStore } from '../stream-store.js'
import type { CronSchedule, NextCronRun } from '../cron-schedule.js'
import type { BackoffOptions } from '../../engine/backoff.js'
import type { RedisSettings } from '../../config/redis-settings.js'
import { MemoryQueue, MemoryStateStore, MemoryStreamStore } from '../memory/index.js'
import { checkRedis } from './connection.js'
import { BullmqCronSchedule } from './cron-schedule.js'

export interface RedisStorageOptions {
  settings: RedisSettings
  backoff?: Partial<BackoffOptions>
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
  // BASE-BRANCH STAND-INS, each replaced by its part: the BullMQ queue, the Redis state store, the Redis stream store.
  const queue: Queue = new MemoryQueue(options)
  const state: StateStore = new MemoryStateStore()
  const streams: StreamStore = new MemoryStreamStore()
  const cron: CronSchedule = new BullmqCronSchedule({ url: options.settings.url, prefix: options.settings.prefix, nextRun: options.nextCronRun, onError: options.onError })
  return { queue, state, streams, cron }
}
