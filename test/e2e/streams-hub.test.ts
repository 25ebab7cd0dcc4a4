import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MotiaApp } from '../../src/engine/app.js'
import type { StreamChange, StreamHub } from '../../src/streams/stream-hub.js'
import { copyFixture, VENV_PYTHON } from '../helpers/motia-process.js'

// What the WebSocket server sees: the hub of a real app, its steps written to over real HTTP.
describe('the stream hub of a running app', () => {
  let app: MotiaApp
  let url = ''
  let hub: StreamHub

  beforeAll(async () => {
    app = new MotiaApp({
      root: copyFixture('streams'),
      mode: 'run',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      pretty: false,
      pythonWorkers: 1,
      env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON },
    })
    const address = await app.start()
    url = `http://127.0.0.1:${address.port}`
    hub = app.streamHub!
  })
  afterAll(() => app?.close())

  const call = (language: 'ts' | 'py', stream: string, group: string, op: string, body: object) =>
    fetch(`${url}/${language}/${stream}/${group}/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('feeds a listener create, update, delete and event, in order, from Python and TypeScript steps', async () => {
    const changes: StreamChange[] = []
    const stop = hub.onChange((change) => changes.push(change))
    await call('py', 'notes', 'feed', 'set', { id: 'a', data: { body: 'one' } })
    await call('ts', 'notes', 'feed', 'set', { id: 'a', data: { body: 'two' } })
    await call('py', 'notes', 'feed', 'delete', { id: 'missing' })
    await call('py', 'notes', 'feed', 'delete', { id: 'a' })
    await call('py', 'notes', 'feed', 'send', { channel: { groupId: 'feed', id: 'a' }, event: { type: 'typing', data: { who: 'py' } } })
    await call('ts', 'notes', 'feed', 'send', { channel: { groupId: 'feed' }, event: { type: 'typing', data: { who: 'ts' } } })
    stop()
    await call('py', 'notes', 'feed', 'set', { id: 'b', data: { body: 'unheard' } })
    expect(changes).toEqual([
      { streamName: 'notes', groupId: 'feed', id: 'a', event: { type: 'create', data: { body: 'one', id: 'a' } } },
      { streamName: 'notes', groupId: 'feed', id: 'a', event: { type: 'update', data: { body: 'two', id: 'a' } } },
      { streamName: 'notes', groupId: 'feed', id: 'a', event: { type: 'delete', data: { body: 'two', id: 'a' } } },
      { streamName: 'notes', groupId: 'feed', id: 'a', event: { type: 'event', event: { type: 'typing', data: { who: 'py' } } } },
      { streamName: 'notes', groupId: 'feed', event: { type: 'event', event: { type: 'typing', data: { who: 'ts' } } } },
    ])
    expect(await hub.getGroup('notes', 'feed')).toEqual([{ body: 'unheard', id: 'b' }])
    expect(await hub.getItem('notes', 'feed', 'b')).toEqual({ body: 'unheard', id: 'b' })
    expect(hub.has('notes')).toBe(true)
    // A plugin's stream file (motia.config.ts) is a stream like the project's.
    expect(hub.has('presence')).toBe(true)
    expect(hub.has('nope')).toBe(false)
  })

  it('asks canAccess: Python through a runner (true, false, raising), TypeScript in-process, none means yes', async () => {
    expect(await hub.canAccess('notes', { groupId: 'room' }, 'let-me-in')).toBe(true)
    expect(await hub.canAccess('notes', { groupId: 'room', id: 'n1' }, { token: 'wrong' })).toBe(false)
    await expect(hub.canAccess('notes', { groupId: 'boom' }, 'let-me-in')).rejects.toThrow('python canAccess blew up')
    expect(await hub.canAccess('messages', { groupId: 'secret' }, { role: 'admin' })).toBe(true)
    expect(await hub.canAccess('messages', { groupId: 'secret' }, undefined)).toBe(false)
    await expect(hub.canAccess('messages', { groupId: 'boom' }, null)).rejects.toThrow('canAccess blew up')
    expect(await hub.canAccess('counters', { groupId: 'any' }, null)).toBe(true)
  })
})
