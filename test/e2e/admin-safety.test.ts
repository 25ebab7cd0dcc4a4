import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const EVIL = 'http://evil.example'
const json = { 'content-type': 'application/json' }

describe('motia dev on loopback: no web page can use the admin endpoints', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('admin-safety', 'test/fixtures/apps'), { command: 'dev' })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('refuses cross-origin reads and changes with 403 and no CORS headers, and serves the CLI', async () => {
    for (const [method, path, body] of [
      ['GET', '/__motia/state', undefined],
      ['GET', '/__motia/dlq', undefined],
      ['GET', '/__motia/flows', undefined],
      ['POST', '/__motia/emit', '{"topic":"known.topic","data":{"from":"evil"}}'],
      ['POST', '/__motia/dlq/replay-all', undefined],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers: { ...json, origin: EVIL }, body })
      expect([path, response.status]).toEqual([path, 403])
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    }
    const preflight = await fetch(`${app.url}/__motia/emit`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(403)
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
    // A text/plain POST needs no preflight in a browser: refused all the same.
    const simple = await fetch(`${app.url}/__motia/emit`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"topic":"known.topic","data":{}}' })
    expect(simple.status).toBe(415)
    expect(await (await fetch(`${app.url}/__motia/state/recorded`)).json()).toEqual([])
    // App routes keep Motia v0.x's CORS headers.
    const hello = await fetch(`${app.url}/hello`, { headers: { origin: EVIL } })
    expect(hello.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('refuses a request addressed to another name (DNS rebinding) with 421', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      request(`${app.url}/__motia/flows`, { headers: { host: `rebound.evil.example:${app.port}` } }, (response) => {
        response.resume()
        resolve(response.statusCode!)
      })
        .on('error', reject)
        .end()
    })
    expect(status).toBe(421)
  })

  it('motia emit to a topic no step subscribes to exits 1 saying nothing was stored and which topics exist', async () => {
    const result = await motiaCli(['emit', '--port', String(app.port), '--topic', 'nobody.listens', '--message', '{"a":1}'])
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe(
      'motia: No step subscribes to topic "nobody.listens": nothing was stored. Topics with subscribers: "known.topic", "other.topic". Check the topic name.',
    )
    const stored = await motiaCli(['emit', '--port', String(app.port), '--topic', 'known.topic', '--message', '{"a":1}'])
    expect(stored.exitCode).toBe(0)
  })

  it('answers a handler failing on a full disk with 507, and on a failed write with 503 and retry-after', async () => {
    const full = await fetch(`${app.url}/storage/full`, { method: 'POST' })
    expect(full.status).toBe(507)
    expect(await full.json()).toEqual({ error: 'Insufficient Storage', message: 'storage says E_STORAGE_FULL', code: 'E_STORAGE_FULL' })
    const failed = await fetch(`${app.url}/storage/failed`, { method: 'POST' })
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('5')
    expect(await failed.json()).toEqual({ error: 'Service Unavailable', message: 'storage says E_STORAGE_FAILED', code: 'E_STORAGE_FAILED' })
  })
})

describe('motia dev on a non-loopback host', () => {
  it('opens admin only with a token, generated and printed when MOTIA_ADMIN_TOKEN is unset', async () => {
    const app = await startMotia(copyFixture('admin-safety', 'test/fixtures/apps'), { command: 'dev', args: ['--host', '0.0.0.0', '--memory'] })
    try {
      const notice = await app.waitForLine((line) => line.msg.startsWith('Admin endpoints (/__motia/*) need a token'))
      const token = /Authorization: Bearer (\S+)`/.exec(notice.msg)![1]!
      expect(token).toMatch(/^[\w-]{32}$/)
      expect(notice.msg).toBe(
        `Admin endpoints (/__motia/*) need a token, because 0.0.0.0 is not a loopback address. Send \`Authorization: Bearer ${token}\`; for motia emit and motia dlq, set MOTIA_ADMIN_TOKEN=${token}. Set MOTIA_ADMIN_TOKEN before starting to choose the token yourself.`,
      )
      expect((await fetch(`${app.url}/__motia/flows`)).status).toBe(401)
      expect((await fetch(`${app.url}/__motia/flows`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
      expect((await fetch(`${app.url}/__motia/flows`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
      const refused = await motiaCli(['dlq', 'list', '--port', String(app.port)])
      expect(refused.exitCode).toBe(1)
      const listed = await motiaCli(['dlq', 'list', '--port', String(app.port)], { MOTIA_ADMIN_TOKEN: token })
      expect([listed.exitCode, JSON.parse(listed.stdout)]).toEqual([0, []])
    } finally {
      await app.stop()
    }
  })

  it('uses MOTIA_ADMIN_TOKEN when set, and prints no token', async () => {
    const app = await startMotia(copyFixture('admin-safety', 'test/fixtures/apps'), {
      command: 'dev',
      args: ['--host', '0.0.0.0', '--memory'],
      env: { MOTIA_ADMIN_TOKEN: 'chosen-token' },
    })
    try {
      expect((await fetch(`${app.url}/__motia/flows`)).status).toBe(401)
      expect((await fetch(`${app.url}/__motia/flows`, { headers: { authorization: 'Bearer chosen-token' } })).status).toBe(200)
      expect(app.lines.some((line) => line.msg.includes('need a token'))).toBe(false)
    } finally {
      await app.stop()
    }
  })
})

describe('motia dev on a port in use', () => {
  let blocker: Server
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())))

  it('exits 1 saying the port is in use', async () => {
    blocker = createServer()
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)))
    const project = copyFixture('admin-safety', 'test/fixtures/apps')
    const result = await motiaCli(['dev', '--project', project, '--memory', '--host', '127.0.0.1', '--port', String(port)])
    expect(result.exitCode).toBe(1)
    expect(result.stderr.trim()).toBe(`motia: Port ${port} on 127.0.0.1 is already in use: stop the other server or choose another port (--port or PORT).`)
  })
})
