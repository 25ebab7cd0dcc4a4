// The "done when": a Motia v0.x project (motia.config.ts with `@motiadev/*` imports, `require`,
// `__dirname`, a local plugin and streamAuth; streams declared in TS and in Python) runs unchanged,
// and the published `@motiadev/stream-client-node` sees every change TS and Python steps make.
import { Stream, type StreamSubscription } from '@motiadev/stream-client-node'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

interface Todo {
  id: string
  title: string
  done: boolean
  summary?: string
}

interface Message {
  id: string
  text: string
  author: string
}

/** Every state a subscription went through (its sync first), and every custom event by type. */
function record<T>(subscription: StreamSubscription<T>, eventTypes: string[] = []) {
  const states: T[] = []
  const events: Record<string, unknown[]> = {}
  subscription.addChangeListener((state) => states.push(structuredClone(state as T)))
  for (const type of [...eventTypes, 'error']) {
    events[type] = []
    subscription.onEvent(type, (data) => events[type]!.push(data))
  }
  const until = (what: string, probe: () => boolean) =>
    eventually(async () => (probe() ? true : undefined), 20_000).catch(() => {
      throw new Error(`${what}: states ${JSON.stringify(states)}, events ${JSON.stringify(events)}`)
    })
  return { states, events, until, last: () => states.at(-1) }
}

describe('a Motia v0.x project with streams, motia.config.ts and a local plugin', () => {
  let project: string
  let app: MotiaProcess
  const clients: Stream[] = []

  const connect = (token: string) => {
    const client = new Stream(`ws://127.0.0.1:${app.port}/?authToken=${token}`)
    clients.push(client)
    return client
  }
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  beforeAll(async () => {
    project = copyFixture('v0-streams')
    app = await startMotia(project)
  })
  afterAll(async () => {
    for (const client of clients) client.close()
    await app?.stop()
  })

  it('loads the config (require, __dirname, @motiadev imports) and serves the local plugin route', async () => {
    const response = await call('GET', '/__motia/chat-admin/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, dir: 'v0' })
  })

  it('shows a client every change TS and Python steps make to a stream declared in TS', async () => {
    const client = connect('alice-token')
    const group = record(client.subscribeGroup<Todo>('todo', 'inbox'), ['summarized'])
    const item = record(client.subscribeItem<Todo>('todo', 'inbox', 't1'), ['nudge'])
    await group.until('group sync', () => group.states.length > 0)
    await item.until('item sync', () => item.states.length > 0)
    expect(group.states).toEqual([[]])
    expect(item.states).toEqual([null])

    // TS creates; the Python subscriber of `todo.saved` updates the item and sends a group event.
    const put = await call('PUT', '/todos/inbox/t1', { title: 'write tests' })
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ id: 't1', title: 'write tests', done: false })
    const summarized = { id: 't1', title: 'write tests', done: false, summary: 'write tests (open)' }
    await group.until('python update seen by the group', () => group.last()?.[0]?.summary !== undefined)
    await item.until('python update seen by the item', () => item.last()?.summary !== undefined)
    expect(group.states.map((todos) => todos.map((todo) => todo.summary ?? '-'))).toEqual([[], ['-'], ['write tests (open)']])
    expect(group.last()).toEqual([summarized])
    expect(item.last()).toEqual(summarized)
    await group.until('python custom event', () => group.events.summarized!.length > 0)
    expect(group.events.summarized).toEqual([{ id: 't1', by: 'python' }])

    // A custom event to the item's channel, from TS.
    expect((await call('POST', '/todos/inbox/t1/nudge')).status).toBe(200)
    await item.until('custom event', () => item.events.nudge!.length > 0)
    expect(item.events.nudge).toEqual([{ from: 'typescript', id: 't1' }])

    // TS deletes.
    expect((await call('DELETE', '/todos/inbox/t1')).status).toBe(200)
    await group.until('delete seen by the group', () => group.last()?.length === 0)
    await item.until('delete seen by the item', () => item.last() === null)
    expect(group.events.error).toEqual([])
  })

  it('shows a client the changes Python steps make to a stream declared in Python, which TS reads', async () => {
    const client = connect('bob-token')
    const lobby = record(client.subscribeGroup<Message>('chatMessage', 'lobby'))
    await lobby.until('sync', () => lobby.states.length > 0)

    const posted = await call('POST', '/chat/lobby', { id: 'm1', text: 'hello' })
    expect(posted.status).toBe(201)
    expect(await posted.json()).toMatchObject({ id: 'm1', text: 'hello', author: 'python' })
    await lobby.until('python create', () => lobby.last()?.length === 1)
    expect(lobby.last()).toEqual([{ id: 'm1', text: 'hello', author: 'python' }])

    const listed = await call('GET', '/chat/lobby')
    expect(await listed.json()).toMatchObject([{ id: 'm1', text: 'hello', author: 'python' }])

    expect((await call('DELETE', '/chat/lobby/m1')).status).toBe(200)
    await lobby.until('python delete', () => lobby.last()?.length === 0)
    expect((await call('DELETE', '/chat/lobby/m1')).status).toBe(404)
  })

  it("denies a subscription that canAccess refuses (TS and Python) with v0.x's STREAM_ACCESS_DENIED", async () => {
    const bob = connect('bob-token')
    const inbox = record(bob.subscribeGroup<Todo>('todo', 'inbox'))
    const secret = record(bob.subscribeGroup<Message>('chatMessage', 'secret'))
    const open = record(bob.subscribeGroup<Todo>('todo', 'public'))
    await inbox.until('TS canAccess refusal', () => inbox.events.error!.length > 0)
    await secret.until('Python canAccess refusal', () => secret.events.error!.length > 0)
    await open.until('allowed sync', () => open.states.length > 0)
    for (const denied of [inbox, secret]) {
      expect(denied.events.error).toEqual([{ code: 'STREAM_ACCESS_DENIED', message: expect.any(String) }])
      expect(denied.states).toEqual([])
    }

    // Denied means no room: bob sees nothing of what is written there.
    await call('PUT', '/todos/inbox/t2', { title: 'private' })
    await call('PUT', '/todos/public/p1', { title: 'shared' })
    await open.until('public create', () => open.last()?.length === 1)
    expect(inbox.states).toEqual([])

    const alice = connect('alice-token')
    const aliceSecret = record(alice.subscribeGroup<Message>('chatMessage', 'secret'))
    await aliceSecret.until('allowed sync', () => aliceSecret.states.length > 0)
    expect(aliceSecret.events.error).toEqual([])
  })

  it('answers 401 at the upgrade when streamAuth.authenticate throws', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${app.port}/?authToken=stolen`)
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.on('open', () => reject(new Error('the upgrade was accepted')))
      socket.on('error', () => undefined)
    })
    expect(status).toBe(401)
  })

  it('keeps stream items across a restart', async () => {
    for (const client of clients.splice(0)) client.close()
    await app.stop()
    app = await startMotia(project)
    const response = await call('GET', '/chat/lobby')
    expect(response.status).toBe(200)
    const client = connect('alice-token')
    const inbox = record(client.subscribeGroup<Todo>('todo', 'inbox'))
    await inbox.until('sync after restart', () => inbox.states.length > 0)
    expect(inbox.last()).toEqual([{ id: 't2', title: 'private', done: false, summary: 'private (open)' }])
  })
})
