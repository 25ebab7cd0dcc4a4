// Redis restarted (empty) under a running node: the process survives, events emitted after the restart are
// handled, and the cron schedule is put back, so ticks resume.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, REPO, startMotia, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

describe('a motia run node whose Redis restarts', () => {
  let redis: RedisServer
  let node: MotiaProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    const dir = copyFixture('redis-nodes')
    copyFileSync(join(REPO, 'test/fixtures/apps/redis-cron/steps/ticker.step.ts'), join(dir, 'steps', 'ticker.step.ts'))
    node = await startMotia(dir, { env: { MOTIA_REDIS_URL: redis.url } })
  }, 60_000)

  afterAll(async () => {
    await node?.stop()
    await redis?.close()
  })

  /** How many distinct events of `[from, from + 50)` were handled. */
  const handled = (from: number) =>
    new Set(node.lines.filter((line) => line.step === 'Work' && line.msg === 'handled').map((line) => line.n as number).filter((n) => n >= from && n < from + 50)).size
  const ticksAfter = (time: number) => node.lines.filter((line) => line.step === 'Ticker' && line.msg === 'Cron tick' && Date.parse(line.scheduledFor as string) > time).length
  const post = (from: number) =>
    fetch(`${node.url}/burst`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, count: 50 }) })

  it('survives, handles the events emitted once Redis is back, and ticks again', async () => {
    expect((await post(0)).status).toBe(202)
    await eventually(async () => (handled(0) >= 50 ? true : undefined), 20_000)

    await redis.stop()
    // While Redis is away an emit fails (the API call answers 503, retry-after); the process stays up.
    expect((await post(1_000)).status).toBe(503)
    await node.waitForLine((line) => line.msg.startsWith('Lost the connection to the Redis of the cron schedule'), 20_000)
    await redis.start()
    const restartedAt = Date.now()

    // The clients reconnect on their own: the first call that answers 202 came after that.
    await eventually(async () => ((await post(100)).status === 202 ? true : undefined), 30_000)
    await eventually(async () => (handled(100) >= 50 ? true : undefined), 30_000)
    await eventually(async () => (ticksAfter(restartedAt) >= 2 ? true : undefined), 30_000)
    expect(node.child.exitCode).toBeNull()
    // The outage is one line for the cron schedule, not one per reconnect attempt of each of its clients.
    const errors = node.lines.filter((line) => line.level === 'error').map((line) => line.msg)
    expect(errors.filter((msg) => msg.startsWith('Lost the connection to the Redis of the cron schedule'))).toEqual([
      `Lost the connection to the Redis of the cron schedule: connect ECONNREFUSED 127.0.0.1:${redis.port}. Reconnecting; cron ticks resume when it answers again.`,
    ])
    expect(errors.filter((msg) => msg.startsWith('connect ECONNREFUSED'))).toEqual([])
  }, 120_000)
})

describe('a motia run node whose Redis (with persistence) goes away in the middle of a burst', () => {
  let redis: RedisServer
  let node: MotiaProcess

  beforeAll(async () => {
    // An append-only file written at every command: the events stored before the outage are there after it.
    redis = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] })
    node = await startMotia(copyFixture('redis-nodes'), { env: { MOTIA_REDIS_URL: redis.url, MOTIA_REDIS_LEASE_MS: '2000' } })
  }, 60_000)

  afterAll(async () => {
    await node?.stop()
    await redis?.close()
  })

  const handled = () => new Set(node.lines.filter((line) => line.step === 'Work' && line.msg === 'handled').map((line) => line.n as number))

  it('does not crash, and every event of a burst cut by the outage is handled once Redis is back', async () => {
    const response = await fetch(`${node.url}/burst`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 0, count: 40, sleepMs: 200 }) })
    expect(response.status).toBe(202)
    await eventually(async () => (handled().size >= 4 ? true : undefined), 20_000)
    await redis.stop()
    const stoppedAt = node.lines.length
    expect(handled().size).toBeLessThan(40)
    await node.waitForLine((line) => line.msg.startsWith('Lost the connection to the Redis of the event queue'), 20_000)
    // A handler under way finished while Redis was away: its outcome could not be stored then.
    await node.waitForLine((line) => node.lines.indexOf(line) >= stoppedAt && line.step === 'Work' && line.msg === 'handled', 20_000)
    await redis.start()
    await node.waitForLine((line) => line.msg.endsWith('answers again: delivery resumes.'), 30_000)
    await eventually(async () => (handled().size === 40 ? true : undefined), 45_000)
    expect(node.child.exitCode).toBeNull()
  }, 120_000)
})
