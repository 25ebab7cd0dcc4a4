// The state browser's endpoints, over a real server and the real state store.
import { describe, expect, it } from 'vitest'
import { MemoryStateStore } from '../../src/adapters/memory/index.js'
import { stateAdmin } from '../../src/engine/admin-data.js'
import { arrayAdmin } from './array-admin.js'
import { serverPerTest } from './helpers.js'

const serve = serverPerTest()

async function setUp(open = true) {
  const state = new MemoryStateStore()
  const { base } = await serve({ admin: { ...arrayAdmin().api, ...stateAdmin(state) }, adminAccess: { open } })
  return { state, base }
}

const send = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const at = (groupId: string, key: string) => `/__motia/state/${encodeURIComponent(groupId)}/${encodeURIComponent(key)}`

describe('state endpoints', () => {
  it('puts values of every JSON type under any group and key, and reads them back with their types', async () => {
    const { state, base } = await setUp()
    const values = [{ name: 'Ada', tags: ['x'], nested: { n: 1.5 } }, [1, 'two', null], 'text', 0, false, null]
    const groupId = 'greetings/é ?#:%'
    for (const [index, value] of values.entries()) {
      const response = await fetch(`${base}${at(groupId, `key ${index}/?#%`)}`, send('PUT', { value }))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ groupId, key: `key ${index}/?#%`, value })
    }
    expect(await state.get(groupId, 'key 3/?#%')).toBe(0)
    expect(await (await fetch(`${base}/__motia/state`)).json()).toEqual([groupId])
    const entries = await (await fetch(`${base}/__motia/state/${encodeURIComponent(groupId)}`)).json()
    expect(entries).toEqual(values.map((value, index) => ({ key: `key ${index}/?#%`, value })))
  })

  it('refuses a body without `value`, saying what to send', async () => {
    const { state, base } = await setUp()
    for (const body of [{ val: 1 }, [1], 'x']) {
      const response = await fetch(`${base}${at('g', 'k')}`, send('PUT', body))
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: 'Invalid state value. Send a JSON body `{"value": <any JSON>}` with `Content-Type: application/json`.' })
    }
    expect(await state.groups()).toEqual([])
  })

  it('deletes a key (a stored null too), and answers 404 for an absent one', async () => {
    const { state, base } = await setUp()
    await state.set('g', 'a/b', { n: 1 })
    await state.set('g', 'nothing', null)
    const deleted = await fetch(`${base}${at('g', 'a/b')}`, { method: 'DELETE' })
    expect(await deleted.json()).toEqual({ success: true, groupId: 'g', key: 'a/b' })
    expect((await fetch(`${base}${at('g', 'nothing')}`, { method: 'DELETE' })).status).toBe(200)
    expect(await state.entries('g')).toEqual([])
    const missing = await fetch(`${base}${at('g', 'a/b')}`, { method: 'DELETE' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'State key not found', groupId: 'g', key: 'a/b' })
  })

  it("answers Motia v0.x's POST /__motia/state and POST /__motia/state/delete", async () => {
    const { state, base } = await setUp()
    const set = await fetch(`${base}/__motia/state`, send('POST', { groupId: 'g', key: 'k:1', value: { n: 1 } }))
    expect(await set.json()).toEqual({ key: 'k:1', groupId: 'g', value: { n: 1 } })
    await state.set('other', 'x', 1)
    const deleted = await fetch(`${base}/__motia/state/delete`, send('POST', { ids: ['g:k:1', 'other:x', 'other:absent'] }))
    expect(deleted.status).toBe(204)
    expect(await state.groups()).toEqual([])
    const bad = await fetch(`${base}/__motia/state/delete`, send('POST', { ids: ['no-colon'] }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'Invalid state delete request. Send a JSON body `{"ids": ["<groupId>:<key>", ...]}` with `Content-Type: application/json`.' })
  })

  it('writes nothing when the admin endpoints are closed: the paths answer 404 as if absent', async () => {
    const { state, base } = await setUp(false)
    await state.set('g', 'k', 1)
    expect((await fetch(`${base}${at('g', 'k')}`, send('PUT', { value: 2 }))).status).toBe(404)
    expect((await fetch(`${base}${at('g', 'k')}`, { method: 'DELETE' })).status).toBe(404)
    expect((await fetch(`${base}/__motia/state/delete`, send('POST', { ids: ['g:k'] }))).status).toBe(404)
    expect(await state.get('g', 'k')).toBe(1)
  })
})
