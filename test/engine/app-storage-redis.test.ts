// An app on Redis that is given some of its stores (AppOptions queue/state/streams) uses them as they are, and
// opens no Redis connection for them: only what it did not get comes from Redis.
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { MemoryStateStore, MemoryStreamStore } from '../../src/adapters/memory/index.js'
import { MotiaApp } from '../../src/engine/app.js'
import type { AppOptions } from '../../src/engine/app-options.js'
import { MemoryQueue } from '../../src/engine/delivery/index.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { copyFixture } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

let redis: RedisServer
let app: MotiaApp | undefined
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  await app?.close()
  app = undefined
})
afterAll(async () => {
  await redis?.close()
})

/** The names of the connections Redis has open now. */
async function clientNames(): Promise<string[]> {
  const admin = new Redis(redis.url)
  try {
    const list = (await admin.client('LIST')) as string
    return list.split('\n').map((line) => /name=(\S*)/.exec(line)?.[1] ?? '').filter((name) => name !== '')
  } finally {
    admin.disconnect()
  }
}

/** An app on the test Redis, given `stores`. */
async function startApp(stores: Pick<AppOptions, 'queue' | 'state' | 'streams'>): Promise<void> {
  app = new MotiaApp({ root: copyFixture('redis-config'), mode: 'run', port: 0, logLevel: 'error', languages: [new NodeLanguage()], redisUrl: redis.url, ...stores })
  await app.start()
}

it('opens Redis connections only for the stores it was not given', async () => {
  await startApp({ queue: new MemoryQueue(), streams: new MemoryStreamStore() })
  const names = await clientNames()
  expect(names.filter((name) => name.endsWith(':queue-workers') || name.endsWith(':queue-producers') || name.endsWith(':streams'))).toEqual([])
  expect(names.filter((name) => name.endsWith(':state'))).toHaveLength(1)
})

it('with every store given, keeps no state or event connection to Redis either', async () => {
  await startApp({ queue: new MemoryQueue(), state: new MemoryStateStore(), streams: new MemoryStreamStore() })
  const names = await clientNames()
  expect(names.filter((name) => /:(queue-workers|queue-producers|state|streams)$/.test(name))).toEqual([])
})
