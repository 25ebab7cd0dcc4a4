// Redis going away under a running BullmqQueue: emits fail fast with one clear error, the outage is one log
// line, and delivery resumes when Redis is back.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BullmqQueue } from '../../../src/adapters/redis/bullmq-queue.js'
import { checkBackoffOptions } from '../../../src/engine/backoff.js'
import { deliveryPolicy } from '../../../src/engine/delivery/policy.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { Recorder, fifo, message, standard } from '../queue-contract/helpers.js'

let redis: RedisServer
let queue: BullmqQueue | undefined
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await queue?.close(0)
  await redis?.close()
})

it('survives a Redis restart: emits fail while it is down, one error line per outage, delivery resumes', async () => {
  const errors = new Recorder<unknown>()
  const warnings = new Recorder<string>()
  const host = new URL(redis.url).host
  queue = new BullmqQueue({
    url: redis.url,
    prefix: 'outage',
    policy: deliveryPolicy(checkBackoffOptions({ baseMs: 5, maxMs: 20 })),
    leaseMs: 1_000,
    enqueueTimeoutMs: 2_000,
    onWarning: warnings.push,
    onError: errors.push,
  })
  const seen = new Recorder<unknown>()
  queue.subscribe(standard('s'), async (m) => seen.push(m.data))
  queue.subscribe(fifo('f', { topics: ['ordered'] }), async (m) => seen.push(m.data))
  await queue.start()
  await queue.enqueue([message('s', 'before')])
  await seen.count(1)

  await redis.stop()
  await errors.count(1)
  await expect(queue.enqueue([message('s', 'while down')])).rejects.toMatchObject({
    code: 'E_REDIS_UNAVAILABLE',
    message: expect.stringMatching(new RegExp(`^The Redis of the event queue \\(${host}\\) did not store the event \\(.+\\): the emit failed\\. Check that Redis is up, then retry\\.$`)),
  })
  await expect(queue.listDeadLetters()).rejects.toMatchObject({ code: 'E_REDIS_UNAVAILABLE' })

  await redis.start()
  await warnings.until((items) => items.includes(`The Redis of the event queue (${host}) answers again: delivery resumes.`))
  // Every client retried many times while Redis was down: still one line for the outage.
  expect(errors.items).toHaveLength(1)
  expect(errors.items[0]).toMatchObject({ code: 'E_REDIS_UNAVAILABLE', message: expect.stringContaining(`Lost the connection to the Redis of the event queue (${host})`) })
  // Redis came back empty (no persistence): new events flow, fifo partitions included.
  await queue.enqueue([message('s', 'after'), message('f', 'ordered after', { topic: 'ordered', messageGroupId: 'g' })])
  await seen.count(3)
  expect(seen.items.slice(1).sort()).toEqual(['after', 'ordered after'])
  expect(seen.items).not.toContain('while down')
})
