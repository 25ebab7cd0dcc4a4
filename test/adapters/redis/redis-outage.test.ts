// Redis going away mid-run: state and stream calls reject with a clear error (no hang, no crash), each
// connection reports the outage once however many reconnects fail, and all of it works again, stream
// fan-out between nodes included, once Redis is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisStateStore } from '../../../src/adapters/redis/redis-state-store.js'
import { RedisStreamChangeBus } from '../../../src/adapters/redis/redis-stream-change-bus.js'
import { RedisStreamStore } from '../../../src/adapters/redis/redis-stream-store.js'
import type { Language } from '../../../src/languages/language.js'
import { AppStreams } from '../../../src/streams/app-streams.js'
import type { StreamChange } from '../../../src/streams/stream-hub.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'

const definition = { name: 'messages', filePath: '/app/messages.stream.ts', relativePath: 'messages.stream.ts', language: 'typescript', schema: null, hasCanAccess: false, runtime: {} as Language } as const

let redis: RedisServer
const closers: (() => Promise<void>)[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await Promise.all(closers.map((close) => close()))
  await redis?.close()
})

async function openNode() {
  const errors: Error[] = []
  const options = { url: redis.url, prefix: 'app', onError: (error: unknown) => errors.push(error as Error) }
  const state = new RedisStateStore(options)
  const streams = new AppStreams([definition], new RedisStreamStore(options), { strict: false, warn: () => {}, onListenerError: options.onError, changes: await RedisStreamChangeBus.open(options) })
  closers.push(() => state.close(), () => streams.close())
  const changes: StreamChange[] = []
  streams.onChange((change) => changes.push(change))
  return { state, streams, messages: streams.streams.messages!, changes, errors }
}

/** Calls `attempt` until it resolves (Redis reconnecting takes a moment), failing after `timeoutMs`. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

const callFailed = (operation: string) =>
  new RegExp(`^${operation.replace(/[.()]/g, '\\$&')} could not reach Redis \\(127\\.0\\.0\\.1:\\d+\\): .+\\. The call may not have been applied; check that redis-server is running \\(the step's event is retried\\)\\.$`)

describe('Redis restarted mid-run', () => {
  it('calls reject with E_REDIS_UNAVAILABLE while it is away, the outage is reported once per connection, and everything resumes after', async () => {
    const node1 = await openNode()
    const node2 = await openNode()
    await node1.state.set('g', 'k', 1)

    await redis.stop()
    // Each call waits for one failed reconnect: several failed reconnects by the end.
    for (let call = 0; call < 4; call++) {
      await expect(node1.state.get('g', 'k')).rejects.toMatchObject({ code: 'E_REDIS_UNAVAILABLE', retryable: true, message: expect.stringMatching(callFailed('state.get')) })
    }
    await expect(node1.messages.set('room', 'm1', { text: 'lost' })).rejects.toMatchObject({ code: 'E_REDIS_UNAVAILABLE', message: expect.stringMatching(callFailed('streams.messages.set')) })
    await expect(node1.messages.send({ groupId: 'room' }, { type: 'typing', data: null })).rejects.toMatchObject({
      code: 'E_REDIS_UNAVAILABLE',
      message: expect.stringMatching(callFailed('streams.messages (telling the other nodes)')),
    })
    const reported = node1.errors.map((error) => error.message.match(/^Lost the connection to Redis \(127\.0\.0\.1:\d+\) for (\S+): .*\. Reconnecting; state and stream calls fail until it is back \(check that redis-server is running\)\.$/)?.[1])
    expect(reported).toContain('app:state')
    // Once per connection for the whole outage: never the same connection twice.
    expect(reported.filter((name) => name === undefined)).toEqual([])
    expect(new Set(reported).size).toBe(reported.length)

    await redis.start()
    // Redis came back empty (nothing persisted): a write succeeds again once reconnected.
    await eventually(() => node1.state.set('g', 'k', 2))
    expect(await node2.state.get('g', 'k')).toBe(2)
    // Fan-out resumes once node 2's subscriber has resubscribed: node 1 writes until node 2 hears one.
    let attempt = 0
    await eventually(async () => {
      await node1.messages.set('room', 'back', { attempt: ++attempt })
      await new Promise((resolve) => setTimeout(resolve, 100))
      if (!node2.changes.some((change) => change.id === 'back')) throw new Error('node 2 has not heard of the write yet')
    })
    expect(await node2.streams.getItem('messages', 'room', 'back')).toEqual({ attempt, id: 'back' })
  })
})
