// `motia dev` on Redis: the Workbench's endpoints work, traces stay in the node's memory (no `.motia/` file),
// and a reload updates the shared cron schedule (a removed cron step's scheduler goes, a new one comes).
import { Queue } from 'bullmq'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TraceSummary } from '../../src/traces/span.js'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

const NIGHTLY = `import type { CronConfig, Handlers } from 'motia'

export const config: CronConfig = { type: 'cron', name: 'Nightly', cron: '0 3 * * *', emits: [] }

export const handler: Handlers['Nightly'] = async ({ logger }) => {
  logger.info('nightly')
}
`

describe('motia dev on Redis', () => {
  let redis: RedisServer
  let app: MotiaProcess
  let dir: string
  let cron: Queue

  beforeAll(async () => {
    redis = await startRedisServer()
    dir = copyFixture('redis-cron')
    app = await startMotia(dir, { command: 'dev', env: { MOTIA_REDIS_URL: redis.url } })
    await app.waitForLine((line) => line.msg === 'Watching the project for changes (hot reload)', 60_000)
    cron = new Queue('cron', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'motia' })
  }, 90_000)

  afterAll(async () => {
    await cron?.close()
    await app?.stop()
    await redis?.close()
  })

  const schedulers = async () => (await cron.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.pattern]).sort()
  const getJson = async <T>(path: string) => (await (await fetch(`${app.url}${path}`)).json()) as T

  it('serves the dev status and the traces of the ticks, kept in memory rather than in .motia/', async () => {
    expect(await getJson('/__motia/dev/status')).toMatchObject({ mode: 'dev', problems: [] })
    const traces = await eventually(async () => {
      const { traces } = await getJson<{ traces: TraceSummary[] }>('/__motia/traces?step=Ticker')
      return traces.length > 0 ? traces : undefined
    }, 20_000)
    expect(traces[0]).toMatchObject({ status: 'ok', steps: ['Ticker'] })
    expect(existsSync(join(dir, '.motia', 'traces.sqlite'))).toBe(false)
    expect(existsSync(join(dir, '.motia', 'motia.db'))).toBe(false)
  }, 30_000)

  it('on a reload, adds the scheduler of a new cron step and removes that of a deleted one', async () => {
    expect(await schedulers()).toEqual([['Ticker', '* * * * * *']])
    writeFileSync(join(dir, 'steps', 'nightly.step.ts'), NIGHTLY)
    await eventually(async () => ((await schedulers()).length === 2 ? true : undefined), 30_000)
    expect(await schedulers()).toEqual([
      ['Nightly', '0 3 * * *'],
      ['Ticker', '* * * * * *'],
    ])
    rmSync(join(dir, 'steps', 'ticker.step.ts'))
    await eventually(async () => ((await schedulers()).length === 1 ? true : undefined), 30_000)
    expect(await schedulers()).toEqual([['Nightly', '0 3 * * *']])
  }, 70_000)
})
