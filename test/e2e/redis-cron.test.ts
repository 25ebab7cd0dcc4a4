// Cron steps with several `motia run` nodes on one Redis: BullMQ job schedulers hand each tick to one node.
import { Queue } from 'bullmq'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

describe('a cron step every second with two motia run nodes on one Redis', () => {
  let redis: RedisServer
  let nodes: MotiaProcess[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    // The scheduler of a cron step that no longer exists, left by an older version of the app.
    const cron = new Queue('cron', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'motia' })
    await cron.upsertJobScheduler('RemovedStep', { pattern: '0 0 1 1 *' }, { name: 'RemovedStep' })
    await cron.close()
    // Both from one checkout: with Redis, `.motia/` is not locked.
    const dir = copyFixture('redis-cron')
    const env = { MOTIA_REDIS_URL: redis.url }
    nodes = await Promise.all([startMotia(dir, { env }), startMotia(dir, { env })])
  }, 60_000)

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()))
    await redis?.close()
  })

  const handlerLines = () => nodes.flatMap((node) => node.lines.filter((line) => line.step === 'Ticker' && line.msg === 'tick'))
  const tickLines = () => nodes.flatMap((node) => node.lines.filter((line) => line.step === 'Ticker' && line.msg === 'Cron tick'))

  it('runs each tick on one node only: one handler call per second, never two for the same second', async () => {
    await eventually(async () => (handlerLines().length >= 6 ? true : undefined), 30_000)
    const ticks = new Map<string, LogLine>(tickLines().map((line) => [line.traceId!, line]))
    const due = handlerLines().map((line) => ticks.get(line.traceId!)?.scheduledFor as string | undefined)
    expect(due.every((time) => time?.endsWith('.000Z'))).toBe(true)
    expect(new Set(due).size).toBe(due.length)
  }, 40_000)

  it('removes at start the schedulers of cron steps that no longer exist', async () => {
    const cron = new Queue('cron', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'motia' })
    try {
      expect((await cron.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.pattern])).toEqual([['Ticker', '* * * * * *']])
    } finally {
      await cron.close()
    }
  })
})

const SLOW_TICKER = `import type { CronConfig, Handlers } from 'motia'

export const config: CronConfig = { type: 'cron', name: 'SlowTicker', cron: '* * * * * *', emits: [] }

export const handler: Handlers['SlowTicker'] = async ({ logger }) => {
  logger.info('slow tick started')
  await new Promise((resolve) => setTimeout(resolve, 2_500))
}
`

describe('a cron step whose tick outlasts its period, on Redis', () => {
  let redis: RedisServer
  let node: MotiaProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    const dir = copyFixture('redis-cron')
    rmSync(join(dir, 'steps', 'ticker.step.ts'))
    writeFileSync(join(dir, 'steps', 'slow-ticker.step.ts'), SLOW_TICKER)
    node = await startMotia(dir, { env: { MOTIA_REDIS_URL: redis.url } })
  }, 60_000)

  afterAll(async () => {
    await node?.stop()
    await redis?.close()
  })

  it("skips the ticks that come while the node still runs the step's previous one, as the embedded scheduler does", async () => {
    const skipped = await node.waitForLine((line) => line.step === 'SlowTicker' && line.msg.startsWith('Cron tick for '), 30_000)
    expect(skipped.level).toBe('warn')
    expect(skipped.msg).toMatch(/^Cron tick for \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z skipped: the previous tick still runs on this node$/)
    const started = node.lines.filter((line) => line.step === 'SlowTicker' && line.msg === 'slow tick started')
    expect(started.length).toBeGreaterThan(0)
  }, 40_000)
})
