// The Redis adapters, opened together: events on BullMQ, state and stream items in Redis hashes.
import type { BackoffOptions, DeliveryPolicy } from '../delivery-policy.js'
import type { DeadLetter, Queue } from '../queue.js'
import type { StateStore } from '../state-store.js'
import type { StreamChangeBus } from '../stream-change-bus.js'
import type { StreamStore } from '../stream-store.js'
import type { RedisSettings } from '../../config/redis-settings.js'
import { checkRedis } from './connection.js'
import { RedisStateStore } from './redis-state-store.js'
import { RedisStreamChangeBus } from './redis-stream-change-bus.js'
import { RedisStreamStore } from './redis-stream-store.js'

export interface RedisStorageOptions {
  settings: RedisSettings
  backoff?: Partial<BackoffOptions>
  /** The engine's retry, dead-letter and fifo decisions (adapters never import the engine). */
  policy: DeliveryPolicy
  /** BASE-BRANCH STAND-IN until the BullMQ queue lands: the queue to return. */
  standInQueue: Queue
  onDeadLetter: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  /** Failures no caller waits for (a lost connection while idle): logged, never a crash. */
  onError: (error: unknown) => void
}

export interface RedisStorage {
  queue: Queue
  state: StateStore
  streams: StreamStore
  /** Stream changes to and from the other nodes on this Redis. */
  streamChanges: StreamChangeBus
}

/** Checks that the Redis answers (one clear error when it does not), then opens the adapters on it. */
export async function openRedisStorage(options: RedisStorageOptions): Promise<RedisStorage> {
  await checkRedis(options.settings.url, options.settings.source)
  // Subscribed before anything else opens: a failure here leaves no connection behind.
  const streamChanges = await RedisStreamChangeBus.open({ url: options.settings.url, prefix: options.settings.prefix, onError: options.onError })
  // BASE-BRANCH STAND-INS, each replaced by its part: the BullMQ queue, the Redis state store, the Redis stream store.
  const queue: Queue = options.standInQueue
  const state: StateStore = new RedisStateStore({ url: options.settings.url, prefix: options.settings.prefix, onError: options.onError })
  const streams: StreamStore = new RedisStreamStore({ url: options.settings.url, prefix: options.settings.prefix, onError: options.onError })
  return { queue, state, streams, streamChanges }
}
