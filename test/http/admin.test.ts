import { describe, expect, it } from 'vitest'
import type { AdminApi } from '../../src/http/index.js'
import { MotiaError } from '../../src/errors.js'
import { route, serverPerTest } from './helpers.js'

interface Letter {
  id: string
  topic: string
}

/** A small real AdminApi over arrays: what the server calls, and what those calls changed. */
function arrayAdmin() {
  const emitted: { topic: string; data: unknown; messageGroupId?: string }[] = []
  const letters: Letter[] = [
    { id: 'dl-1', topic: 'a' },
    { id: 'dl-2', topic: 'b' },
  ]
  const replayed: string[] = []
  const state: Record<string, Record<string, unknown>> = { users: { ada: { age: 36 } }, empty: {} }
  const api: AdminApi = {
    flows: () => [{ id: 'basic', name: 'basic', steps: [], edges: [] }],
    async emit(event) {
      if (event.topic === 'undeclared') throw new MotiaError('E_EMIT_VALIDATION', 'No step subscribes to "undeclared"')
      if (event.topic === 'crash') throw new Error('queue is broken')
      emitted.push(event)
    },
    listDeadLetters: async () => [...letters],
    async replayDeadLetter(id) {
      const index = letters.findIndex((letter) => letter.id === id)
      if (index === -1) return false
      replayed.push(...letters.splice(index, 1).map((letter) => letter.id))
      return true
    },
    async replayAllDeadLetters() {
      const count = letters.length
      replayed.push(...letters.splice(0).map((letter) => letter.id))
      return count
    },
    async discardDeadLetter(id) {
      const index = letters.findIndex((letter) => letter.id === id)
      if (index === -1) return false
      letters.splice(index, 1)
      return true
    },
    stateGroups: async () => Object.keys(state),
    stateEntries: async (groupId) => Object.entries(state[groupId] ?? {}).map(([key, value]) => ({ key, value })),
  }
  return { api, emitted, letters, replayed }
}

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
    // curl -d sends JSON labelled as a form: still understood.
    await fetch(`${base}/__motia/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"topic":"from.curl","data":null}',
    })
    expect(admin.emitted).toEqual([
      { topic: 'user.created', data: { id: 1 } },
      { topic: 'ordered', data: 2, messageGroupId: 'g1' },
      { topic: 'from.curl', data: null },
    ])
  })

  it('answers an emit the engine refuses with 400 and its code, and a failing one with 500', async () => {
    const admin = arrayAdmin()
    const { base, logs } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const refused = await fetch(`${base}/__motia/emit`, json({ topic: 'undeclared', data: {} }))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: 'No step subscribes to "undeclared"', code: 'E_EMIT_VALIDATION' })
    const crashed = await fetch(`${base}/__motia/emit`, json({ topic: 'crash', data: {} }))
    expect(crashed.status).toBe(500)
    expect(await crashed.json()).toEqual({ error: 'Internal server error' })
    expect(logs.map((entry) => entry.message)).toEqual(['POST /__motia/emit failed: queue is broken'])
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
    // A preflight gets the same 204 as any unknown path.
    expect((await fetch(`${base}/__motia/emit`, { method: 'OPTIONS' })).status).toBe(204)
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

  it('gates plugin routes under /__motia like admin routes and serves the others as app routes', async () => {
    const token = 't'
    const { base } = await serve({
      adminAccess: { open: false, token },
      pluginRoutes: [route('GET', '/__motia/states/health', () => ({ status: 200, body: 'plugin' })), route('GET', '/plugin/public')],
    })
    expect((await fetch(`${base}/__motia/states/health`)).status).toBe(401)
    const allowed = await fetch(`${base}/__motia/states/health`, { headers: { authorization: `Bearer ${token}` } })
    expect(await allowed.text()).toBe('plugin')
    expect((await fetch(`${base}/plugin/public`)).status).toBe(200)
  })
})
