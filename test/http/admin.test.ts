import { describe, expect, it } from 'vitest'
import { arrayAdmin } from './array-admin.js'
import { route, serverPerTest } from './helpers.js'

const serve = serverPerTest()

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('admin endpoints (open)', () => {
  it('serves health, flows, dead letters and state', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    expect(await (await fetch(`${base}/__motia/health`)).json()).toEqual({ status: 'ok' })
    expect(await (await fetch(`${base}/__motia/flows`)).json()).toEqual([{ id: 'basic', name: 'basic', steps: [], edges: [] }])
    expect(await (await fetch(`${base}/__motia/dlq`)).json()).toEqual(admin.letters)
    expect(await (await fetch(`${base}/__motia/state`)).json()).toEqual(['users', 'empty'])
    expect(await (await fetch(`${base}/__motia/state/users`)).json()).toEqual([{ key: 'ada', value: { age: 36 } }])
    expect(await (await fetch(`${base}/__motia/state/unknown`)).json()).toEqual([])
  })

  it('emits, answering as Motia v0.x POST /emit did', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const response = await fetch(`${base}/__motia/emit`, json({ topic: 'user.created', data: { id: 1 } }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ success: true, emitted: { topic: 'user.created', data: { id: 1 } } })
    await fetch(`${base}/__motia/emit`, json({ topic: 'ordered', data: 2, messageGroupId: 'g1' }))
    expect(admin.emitted).toEqual([
      { topic: 'user.created', data: { id: 1 } },
      { topic: 'ordered', data: 2, messageGroupId: 'g1' },
    ])
  })

  it('answers an emit the engine refuses with its code (422 for no subscriber, 400 for bad data), a full disk with 507, a failure with 500', async () => {
    const admin = arrayAdmin()
    const { base, logs } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const unsubscribed = await fetch(`${base}/__motia/emit`, json({ topic: 'undeclared', data: {} }))
    expect(unsubscribed.status).toBe(422)
    expect(await unsubscribed.json()).toEqual({
      error: 'No step subscribes to topic "undeclared": nothing was stored. Topics with subscribers: "a", "b". Check the topic name.',
      code: 'E_NOT_SUBSCRIBED',
    })
    const invalid = await fetch(`${base}/__motia/emit`, json({ topic: 'invalid', data: {} }))
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toEqual({ error: 'Data for "invalid" fails the schema', code: 'E_EMIT_VALIDATION' })
    const full = await fetch(`${base}/__motia/emit`, json({ topic: 'disk.full', data: {} }))
    expect(full.status).toBe(507)
    expect(await full.json()).toEqual({ error: 'Insufficient Storage', message: 'The disk is full', code: 'E_STORAGE_FULL' })
    const crashed = await fetch(`${base}/__motia/emit`, json({ topic: 'crash', data: {} }))
    expect(crashed.status).toBe(500)
    expect(await crashed.json()).toEqual({ error: 'Internal server error' })
    expect(logs.map((entry) => entry.message)).toEqual(['POST /__motia/emit failed: The disk is full', 'POST /__motia/emit failed: queue is broken'])
    expect(admin.emitted).toEqual([])
  })

  it.each([
    ['no body', undefined],
    ['an array', '[1]'],
    ['no topic', '{"data":1}'],
    ['an empty topic', '{"topic":"","data":1}'],
    ['a numeric messageGroupId', '{"topic":"t","data":1,"messageGroupId":7}'],
  ])('answers an emit with %s with 400 saying what to send', async (_name, body) => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const response = await fetch(`${base}/__motia/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error:
        'Invalid emit request. Send a JSON body `{"topic": string, "data": any, "messageGroupId"?: string}` with `Content-Type: application/json`.',
    })
    expect(admin.emitted).toEqual([])
  })

  it('replays, replays all and discards dead letters; an unknown id is 404', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const replay = await fetch(`${base}/__motia/dlq/dl-1/replay`, { method: 'POST' })
    expect(await replay.json()).toEqual({ success: true, id: 'dl-1' })
    const missing = await fetch(`${base}/__motia/dlq/nope/replay`, { method: 'POST' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'Dead letter not found', id: 'nope' })
    const discardMissing = await fetch(`${base}/__motia/dlq/nope`, { method: 'DELETE' })
    expect(discardMissing.status).toBe(404)
    const discard = await fetch(`${base}/__motia/dlq/dl-2`, { method: 'DELETE' })
    expect(await discard.json()).toEqual({ success: true, id: 'dl-2' })
    expect(admin.letters).toEqual([])
    admin.letters.push({ id: 'dl-3', topic: 'c' }, { id: 'dl-4', topic: 'd' })
    const all = await fetch(`${base}/__motia/dlq/replay-all`, { method: 'POST' })
    expect(await all.json()).toEqual({ success: true, replayed: 2 })
    expect(admin.replayed).toEqual(['dl-1', 'dl-3', 'dl-4'])
  })

  it('bounds admin bodies by the same limit', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true }, bodyLimit: 64 })
    const response = await fetch(`${base}/__motia/emit`, json({ topic: 't', data: 'x'.repeat(100) }))
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: 'Payload too large', limit: 64 })
    expect(admin.emitted).toEqual([])
  })
})

describe('admin access', () => {
  const paths = ['/__motia/health', '/__motia/flows', '/__motia/dlq', '/__motia/state', '/__motia/state/users']

  it('without a token and not open, answers every /__motia path 404 as if absent, encoded or not', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: false }, routes: [route('GET', '/app')] })
    for (const path of [...paths, '/%5F%5Fmotia/flows', '/__motia/flows/', '/__MOTIA/Flows']) {
      const response = await fetch(`${base}${path}`, { headers: { authorization: 'Bearer anything' } })
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: 'Not Found', method: 'GET', path })
    }
    const emit = await fetch(`${base}/__motia/emit`, json({ topic: 't', data: 1 }))
    expect(emit.status).toBe(404)
    expect(admin.emitted).toEqual([])
    // Not even a preflight answer: the admin paths are absent, and carry no CORS headers.
    const preflight = await fetch(`${base}/__motia/emit`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(404)
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
    expect((await fetch(`${base}/app`)).status).toBe(200)
  })

  it('with a token, answers 401 without the right bearer token and serves it with', async () => {
    const admin = arrayAdmin()
    const token = 's3cret-token'
    const { base } = await serve({ admin: admin.api, adminAccess: { open: false, token } })
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${token}x`, `Basic ${token}`, token, 'Bearer ']) {
      const response = await fetch(`${base}/__motia/flows`, { headers: authorization === undefined ? {} : { authorization } })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(await response.json()).toEqual({ error: 'Unauthorized' })
    }
    const refused = await fetch(`${base}/__motia/emit`, json({ topic: 't', data: 1 }))
    expect(refused.status).toBe(401)
    expect(admin.emitted).toEqual([])

    for (const path of paths) {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })
      expect(response.status).toBe(200)
    }
    const lowerCase = await fetch(`${base}/__motia/emit`, {
      ...json({ topic: 't', data: 1 }),
      headers: { 'content-type': 'application/json', authorization: `bearer ${token}` },
    })
    expect(lowerCase.status).toBe(200)
    expect(admin.emitted).toEqual([{ topic: 't', data: 1 }])
  })

  it('treats an empty token as no token', async () => {
    const { base } = await serve({ admin: arrayAdmin().api, adminAccess: { open: false, token: '' } })
    expect((await fetch(`${base}/__motia/health`, { headers: { authorization: 'Bearer ' } })).status).toBe(404)
  })

  it('serves plugin routes as app routes, under /__motia too, while the admin routes stay gated', async () => {
    const token = 't'
    const { base } = await serve({
      admin: arrayAdmin().api,
      adminAccess: { open: false, token },
      pluginRoutes: [route('GET', '/__motia/states/health', () => ({ status: 200, body: 'plugin' })), route('GET', '/plugin/public')],
    })
    // Motia v0.x plugins (motia.config.ts registerApi) serve their pages' APIs under /__motia/<plugin>.
    const plugin = await fetch(`${base}/__motia/states/health`, { headers: { origin: 'http://example.com' } })
    expect(plugin.status).toBe(200)
    expect(await plugin.text()).toBe('plugin')
    expect(plugin.headers.get('access-control-allow-origin')).toBe('*')
    expect((await fetch(`${base}/__motia/health`)).status).toBe(401)
    expect((await fetch(`${base}/plugin/public`)).status).toBe(200)
  })
})
