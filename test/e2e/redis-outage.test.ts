// A `motia run` on Redis whose Redis goes away mid-run: API steps (TS and Python) that use state and
// streams answer 503 with the reason, the process keeps serving, each connection logs the outage once,
// and the same requests succeed once Redis is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

describe('Redis going away under a running app', () => {
  let redis: RedisServer
  let app: MotiaProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    app = await startMotia(copyFixture('redis-outage'), { env: { MOTIA_REDIS_URL: redis.url } })
  })
  afterAll(async () => {
    await app?.stop()
    await redis?.close()
  })

  const save = async (language: 'ts' | 'py', key: string, body: object) => {
    const response = await fetch(`${app.url}/${language}/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: string; code?: string; message?: string; saved?: unknown } }
  }
  const lostLines = () => app.lines.filter((line) => line.level === 'error' && line.msg.startsWith('Lost the connection to Redis'))

  it('answers 503 while Redis is away, logs the loss once per connection, and works again once it is back', async () => {
    expect(await save('ts', 'before', { n: 1 })).toMatchObject({ status: 200, body: { saved: { n: 1 } } })
    expect(await save('py', 'before', { n: 2 })).toMatchObject({ status: 200, body: { saved: { n: 2 } } })

    await redis.stop()
    // Each request waits for one failed reconnect: several failed reconnects by the end.
    for (let request = 0; request < 3; request++) {
      const failed = await save('ts', 'during', { n: request })
      expect(failed).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'Service Unavailable', code: 'E_REDIS_UNAVAILABLE' } })
      expect(failed.body.message).toMatch(/^state\.set could not reach Redis \(127\.0\.0\.1:\d+\): .+\. The call may not have been applied; check that redis-server is running \(the step's event is retried\)\.$/)
    }
    const python = await save('py', 'during', { n: 3 })
    expect(python.status).toBe(503)
    expect(python.body).toMatchObject({ code: 'E_REDIS_UNAVAILABLE', message: expect.stringMatching(/^state\.set could not reach Redis/) })
    // One line per connection for the whole outage, however many reconnects failed.
    const dataConnections = ['motia:state', 'motia:streams', 'motia:streams-publish', 'motia:streams-subscribe']
    const names = lostLines()
      .map((line) => /for (\S+): /.exec(line.msg)?.[1])
      .filter((name) => dataConnections.includes(name!))
    expect(names).toContain('motia:state')
    expect(new Set(names).size).toBe(names.length)

    await redis.start()
    const back = await eventually(async () => {
      const answer = await save('ts', 'after', { n: 4 })
      return answer.status === 200 ? answer : undefined
    }, 15_000)
    expect(back.body).toEqual({ saved: { n: 4 } })
    expect(await save('py', 'after', { n: 5 })).toMatchObject({ status: 200, body: { saved: { n: 5 } } })
    expect(app.child.exitCode).toBeNull()
  })
})
