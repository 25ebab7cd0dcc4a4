// `motia run` with its events on BullMQ (MOTIA_REDIS_URL): a TS -> Python -> TS chain through Redis queues,
// the dead letters behind `motia dlq`, and a node killed mid-delivery whose job another node takes over.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, motiaCli, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

// Several process starts and CLI calls per test: generous bounds for a loaded machine (none is a speed assertion).
const WAIT_MS = 60_000

describe('motia run with events on BullMQ', { timeout: 180_000 }, () => {
  let redis: RedisServer
  let app: MotiaProcess
  // `motia run` serves the admin endpoints (motia dlq) only with a token.
  const token = 'e2e-admin-token'
  const env = () => ({ MOTIA_REDIS_URL: redis.url, MOTIA_REDIS_PREFIX: 'shop', MOTIA_REDIS_LEASE_MS: '1000', MOTIA_ADMIN_TOKEN: token })

  beforeAll(async () => {
    redis = await startRedisServer()
    app = await startMotia(copyFixture('redis-events'), { command: 'run', env: env() })
  })
  afterAll(async () => {
    await app?.stop()
    await redis?.close()
  })

  const emit = async (node: MotiaProcess, topic: string, body: object) => {
    const response = await fetch(`${node.url}/emit/${topic}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status).toBe(202)
    return ((await response.json()) as { traceId: string }).traceId
  }

  it('carries an event from a TS API step through a Python event step to a TS event step, on Redis queues', async () => {
    const traceId = await emit(app, 'order.placed', { id: 'o-1', qty: 2 })
    await app.waitForLine((l) => l.step === 'PriceOrder' && l.msg === 'priced in python' && l.traceId === traceId, WAIT_MS)
    const recorded = await app.waitForLine((l) => l.step === 'RecordPriced' && l.msg === 'recorded' && l.traceId === traceId, WAIT_MS)
    expect(recorded).toMatchObject({ id: 'o-1', total: 6 })
    const client = new Redis(redis.url)
    try {
      // The queues BullMQ kept for each (topic, step), under the app's prefix.
      expect((await client.keys('shop:events.order.placed.PriceOrder:*')).length).toBeGreaterThan(0)
      expect((await client.keys('shop:events.order.priced.RecordPriced:*')).length).toBeGreaterThan(0)
    } finally {
      client.disconnect()
    }
  })

  it('lists, replays and discards dead letters with motia dlq', async () => {
    const traceId = await emit(app, 'doomed', { n: 1 })
    const dlq = async (...args: string[]) => {
      const result = await motiaCli(['dlq', ...args, '--port', String(app.port)], { MOTIA_ADMIN_TOKEN: token })
      expect(result.exitCode).toBe(0)
      return result.stdout
    }
    const listed = () => dlq('list').then((out) => JSON.parse(out) as { id: string; stepName: string; attempts: number; data: { traceId: string }; error: { type: string; message: string } }[])
    const [letter] = await eventually(async () => {
      const letters = (await listed()).filter((l) => l.data.traceId === traceId)
      return letters.length > 0 ? letters : undefined
    }, WAIT_MS)
    expect(letter).toMatchObject({ stepName: 'AlwaysFails', topic: 'doomed', attempts: 2, error: { type: 'TypeError', message: `cannot handle {"n":1,"traceId":"${traceId}"}` } })
    const failures = (l: LogLine) => l.step === 'AlwaysFails' && l.msg === 'about to fail' && l.traceId === traceId
    // Log lines come through a pipe, the letter through HTTP: either may arrive first.
    const failed = (times: number) => eventually(async () => (app.lines.filter(failures).length >= times ? app.lines.filter(failures).length : undefined), WAIT_MS)
    expect(await failed(2)).toBe(2)

    await dlq('replay', letter!.id)
    const [again] = await eventually(async () => {
      const letters = (await listed()).filter((l) => l.data.traceId === traceId)
      return letters.length > 0 && letters[0]!.id !== letter!.id ? letters : undefined
    }, WAIT_MS)
    expect(await failed(4)).toBe(4)
    await dlq('discard', again!.id)
    expect((await listed()).filter((l) => l.data.traceId === traceId)).toEqual([])
  })

  it('keeps running while Redis restarts: emits answer 503 meanwhile, one log line for the outage, events flow again after', async () => {
    await redis.stop()
    const response = await fetch(`${app.url}/emit/order.placed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'o-lost', qty: 1 }) })
    expect(response.status).toBe(503)
    const lost = (l: LogLine) => l.level === 'error' && l.msg.startsWith('Lost the connection to the Redis of the event queue')
    await app.waitForLine(lost, WAIT_MS)
    await redis.start()
    await app.waitForLine((l) => l.msg.endsWith('answers again: delivery resumes.'), WAIT_MS)
    expect(app.lines.filter(lost)).toHaveLength(1)
    const host = new URL(redis.url).host
    expect(app.lines.find((l) => l.step === 'PlaceOrder' && l.level === 'error')?.msg).toBe(
      `POST /emit/:topic failed: The Redis of the event queue (${host}) did not store the event (not connected): the emit failed. Check that Redis is up, then retry.`,
    )
    const traceId = await emit(app, 'order.placed', { id: 'o-2', qty: 5 })
    expect(await app.waitForLine((l) => l.step === 'RecordPriced' && l.msg === 'recorded' && l.traceId === traceId, WAIT_MS)).toMatchObject({ id: 'o-2', total: 15 })
  })

  it('hands the job of a node killed mid-delivery to another node once its lease expires', async () => {
    const other = await startMotia(copyFixture('redis-events'), { command: 'run', env: env() })
    try {
      const traceId = await emit(other, 'slow', { ms: 3_000 })
      const startedOn = (l: LogLine) => l.step === 'Slow' && l.msg === 'slow started' && l.traceId === traceId
      const first = await Promise.any([app, other].map((node) => node.waitForLine(startedOn, WAIT_MS).then(() => node)))
      const survivor = first === app ? other : app
      first.child.kill('SIGKILL')
      await first.child
      const finished = await survivor.waitForLine((l) => l.step === 'Slow' && l.msg === 'slow finished' && l.traceId === traceId, WAIT_MS)
      expect(finished.pid).toBe(survivor.child.pid)
      expect(survivor.lines.filter(startedOn)).toHaveLength(1)
      if (first === app) app = await startMotia(copyFixture('redis-events'), { command: 'run', env: env() })
    } finally {
      if (other.child.exitCode === null && other.child.signalCode === null) await other.stop()
    }
  })
})
