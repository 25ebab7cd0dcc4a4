// Where the app keeps events, state and stream items: the embedded SQLite stores in `.motia/` (locked
// for one app at a time), memory with --memory, or adapters given by the options.
import { join } from 'node:path'
import type { CronSchedule } from '../adapters/cron-schedule.js'
import { MemoryStateStore, MemoryStreamStore } from '../adapters/memory/index.js'
import type { DeadLetter, Queue } from '../adapters/queue.js'
import type { StateStore } from '../adapters/state-store.js'
import { redactedUrl, type RedisSettings } from '../config/redis-settings.js'
import type { LogSink } from '../logger/log-sink.js'
import { createLogger } from '../logger/logger.js'
import { AppStreams } from '../streams/app-streams.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import type { Logger } from '../types.js'
import type { AppOptions } from './app-options.js'
import { checkBackoffOptions } from './backoff.js'
import { MemoryQueue } from './delivery/memory-queue.js'
import { deliveryPolicy } from './delivery/policy.js'
import { nextCronRun } from './load-croner.js'

export interface AppStorage {
  queue: Queue
  state: StateStore
  streams: AppStreams
  /** Frees `.motia/` for another app; absent when the app does not use it. */
  releaseDirectory?: () => void
  /** On Redis: the stores are shared with the other nodes, and so is the cron schedule (each tick runs on one node). */
  shared?: { cron: CronSchedule }
}

export async function openStorage(
  options: AppOptions,
  sink: LogSink,
  logger: Logger,
  streamDefinitions: readonly StreamDefinition[],
  redis?: RedisSettings,
): Promise<AppStorage> {
  const motiaDir = join(options.root, '.motia')
  const adapterOptions = {
    backoff: options.backoff,
    onDeadLetter: (letter: DeadLetter) =>
      createLogger(sink, { step: letter.stepName, traceId: letter.traceId }).error(
        `Moved to the dead-letter queue after ${letter.attempts} attempts: ${letter.error.type}: ${letter.error.message}`,
        { topic: letter.topic, deadLetterId: letter.id },
      ),
    onWarning: (message: string) => logger.warn(message),
    onError: logFailure(logger),
  }
  const streamOptions = {
    strict: options.strict ?? false,
    warn: (message: string) => logger.warn(message),
    onListenerError: (error: unknown) => logger.error(`A stream change listener failed: ${error instanceof Error ? error.message : String(error)}`),
  }
  if (redis && options.memory) logger.info(`--memory is set: events, state and streams stay in this process, and the Redis of ${redis.source} is not used`)
  if (redis && !options.memory) {
    // Loaded only with Redis: `motia run` on the embedded adapters never loads ioredis or BullMQ.
    // Nothing of the app's goes in `.motia/`, so it is not locked: several nodes may run from one checkout.
    const { openRedisStorage } = await import('../adapters/redis/index.js')
    const policy = deliveryPolicy(checkBackoffOptions(options.backoff))
    const given = { queue: options.queue, state: options.state, streams: options.streams }
    const opened = await openRedisStorage({ ...adapterOptions, settings: redis, policy, nextCronRun, given })
    logger.info(`Events, state and streams on Redis (${redactedUrl(redis.url)}, from ${redis.source})`)
    return {
      queue: opened.queue,
      state: opened.state,
      streams: new AppStreams(streamDefinitions, opened.streams, { ...streamOptions, changes: opened.streamChanges }),
      shared: { cron: opened.cron },
    }
  }
  if (options.memory) {
    const memoryStreams = new AppStreams(streamDefinitions, options.streams ?? new MemoryStreamStore(), streamOptions)
    return { queue: options.queue ?? new MemoryQueue(adapterOptions), state: options.state ?? new MemoryStateStore(), streams: memoryStreams }
  }
  // Loaded only without --memory: a run in memory never loads better-sqlite3.
  const [{ lockDirectory, SqliteStateStore, SqliteStreamStore }, { SqliteQueue }] = await Promise.all([
    import('../adapters/sqlite/index.js'),
    import('./delivery/sqlite-queue.js'),
  ])
  const embedded = !options.queue || !options.state || !options.streams
  const releaseDirectory = embedded ? lockDirectory(motiaDir) : undefined
  let queue: Queue
  let state: StateStore
  try {
    queue = options.queue ?? new SqliteQueue(motiaDir, adapterOptions)
    state = options.state ?? new SqliteStateStore(motiaDir)
  } catch (error) {
    releaseDirectory?.()
    throw error
  }
  // A project without stream files never touches the streams table: no third connection at start.
  // (`motia dev`: always durable, as stream files may come with a reload.)
  const durableStreams = streamDefinitions.length > 0 || options.mode === 'dev'
  const streams = new AppStreams(streamDefinitions, options.streams ?? (durableStreams ? new SqliteStreamStore(motiaDir) : new MemoryStreamStore()), streamOptions)
  return { queue, state, streams, releaseDirectory }
}

/** For failures no caller waits for (an ack or a trace batch the disk refused): a log line, not a crash. */
export function logFailure(logger: Logger): (error: unknown) => void {
  return (error) => logger.error(error instanceof Error ? error.message : String(error), { code: (error as { code?: unknown }).code })
}
