// The stream socket server against the real published client (`@motiadev/stream-client-node`) and raw
// `ws` sockets, on a real HTTP server on loopback, fed by an in-memory StreamHub.
import type { StreamGroupSubscription, StreamItemSubscription } from '@motiadev/stream-client-node'
import { describe, expect, it } from 'vitest'
import { MemoryStreamHub } from '../../helpers/memory-stream-hub.js'
import { waitForState } from '../../helpers/stream-client.js'
import { isEvent, join, useSocketTestbed } from './serve-sockets.js'

type Todo = { id: string; title: string }

const { start, client, raw } = useSocketTestbed()

describe('an item subscription, with the real client', () => {
  it('gets the item as `sync`, then each update, custom event and the delete', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    hub.set('todo', 'g1', 'a', { title: 'one' })
    const { url } = await start(hub)
    const { stream, messages, waitFor } = client(url)
    const item = stream.subscribeItem('todo', 'g1', 'a') as StreamItemSubscription<Todo>
    expect(await waitForState<Todo | null>(item, (state) => state?.title === 'one')).toEqual({ id: 'a', title: 'one' })

    hub.set('todo', 'g1', 'a', { title: 'two' })
    expect(await waitForState<Todo | null>(item, (state) => state?.title === 'two')).toEqual({ id: 'a', title: 'two' })
    const pings: unknown[] = []
    item.onEvent('ping', (data: unknown) => pings.push(data))
    hub.send('todo', { groupId: 'g1', id: 'a' }, { type: 'ping', data: { n: 1 } })
    await waitFor(isEvent('ping'))
    expect(pings).toEqual([{ n: 1 }])
    hub.delete('todo', 'g1', 'a')
    expect(await waitForState(item, (state) => state === null)).toBeNull()

    expect(messages.map(({ timestamp: _, ...message }) => message)).toEqual([
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'sync', data: { id: 'a', title: 'one' } } },
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'update', data: { id: 'a', title: 'two' } } },
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'event', event: { type: 'ping', data: { n: 1 } } } },
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'delete', data: { id: 'a', title: 'two' } } },
    ])
  })

  it('gets `sync` with null for an item not there yet, then its `create`', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const { stream, messages, waitFor } = client(url)
    const item = stream.subscribeItem('todo', 'g1', 'new') as StreamItemSubscription<Todo>
    await waitFor(isEvent('sync'))
    hub.set('todo', 'g1', 'new', { title: 'fresh' })
    expect(await waitForState<Todo | null>(item, (state) => state !== null)).toEqual({ id: 'new', title: 'fresh' })
    expect(messages.map((message) => [message.event.type, message.event.data])).toEqual([
      ['sync', null],
      ['create', { id: 'new', title: 'fresh' }],
    ])
  })

  it('sends messages with strictly increasing timestamps, so the client applies changes made in the same millisecond', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const { stream, messages, waitFor } = client(url)
    const item = stream.subscribeItem('todo', 'g1', 'a') as StreamItemSubscription<Todo>
    await waitFor(isEvent('sync'))
    for (let n = 1; n <= 20; n++) hub.set('todo', 'g1', 'a', { title: `v${n}` })
    expect(await waitForState<Todo | null>(item, (state) => state?.title === 'v20')).toEqual({ id: 'a', title: 'v20' })
    const stamps = messages.map((message) => message.timestamp)
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
    expect(new Set(stamps).size).toBe(stamps.length)
  })
})

describe('a group subscription, with the real client', () => {
  it('gets the group as `sync`, then creates, updates, deletes and custom events of the group', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    hub.set('todo', 'g1', 'a', { title: 'one' })
    hub.set('todo', 'g2', 'z', { title: 'elsewhere' })
    const { url } = await start(hub)
    const { stream, messages, waitFor } = client(url)
    const group = stream.subscribeGroup('todo', 'g1') as StreamGroupSubscription<Todo>
    expect(await waitForState<Todo[]>(group, (state) => state.length === 1)).toEqual([{ id: 'a', title: 'one' }])

    hub.set('todo', 'g1', 'b', { title: 'two' })
    hub.set('todo', 'g2', 'z', { title: 'not ours' })
    hub.set('todo', 'g1', 'a', { title: 'one, edited' })
    hub.delete('todo', 'g1', 'b')
    const edited = (state: Todo[]) => state.length === 1 && state[0]?.title === 'one, edited'
    expect(await waitForState<Todo[]>(group, edited)).toEqual([{ id: 'a', title: 'one, edited' }])
    const notes: unknown[] = []
    group.onEvent('note', (data: unknown) => notes.push(data))
    hub.send('todo', { groupId: 'g1' }, { type: 'note', data: 'hello group' })
    await waitFor(isEvent('note'))
    expect(notes).toEqual(['hello group'])

    expect(messages.map(({ timestamp: _, ...message }) => message)).toEqual([
      { streamName: 'todo', groupId: 'g1', event: { type: 'sync', data: [{ id: 'a', title: 'one' }] } },
      { streamName: 'todo', groupId: 'g1', id: 'b', event: { type: 'create', data: { id: 'b', title: 'two' } } },
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'update', data: { id: 'a', title: 'one, edited' } } },
      { streamName: 'todo', groupId: 'g1', id: 'b', event: { type: 'delete', data: { id: 'b', title: 'two' } } },
      { streamName: 'todo', groupId: 'g1', event: { type: 'event', event: { type: 'note', data: 'hello group' } } },
    ])
  })
})

describe('the wire', () => {
  it('is served on any path of the HTTP port, as in Motia v0.x', async () => {
    const { url } = await start(new MemoryStreamHub({ todo: {} }))
    for (const path of ['/', '/some/path?x=1', '/__motia/anything']) {
      const socket = await raw(`${url}${path}`)
      socket.send(join({ streamName: 'todo', groupId: 'g1' }))
      expect((await socket.waitFor(isEvent('sync'))).event).toEqual({ type: 'sync', data: [] })
    }
  })

  it("writes Motia v0.x's fields in v0.x's order, and strips `__motia` from what it syncs", async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    hub.set('todo', 'g1', 'a', { title: 'one', __motia: { type: 'state-stream' } })
    const { url } = await start(hub)
    const socket = await raw(url)
    socket.send(join({ streamName: 'todo', groupId: 'g1', id: 'a' }))
    await socket.waitFor(isEvent('sync'))
    expect(socket.raw[0]).toMatch(/^\{"timestamp":\d+,"streamName":"todo","groupId":"g1","id":"a","event":\{"type":"sync","data":\{"title":"one","id":"a"\}\}\}$/)
  })

  it("sends an item's changes only to subscribers of that item in the same group", async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const socket = await raw(url)
    socket.send(join({ streamName: 'todo', groupId: 'g2', id: 'a' }))
    await socket.waitFor(isEvent('sync'))
    hub.set('todo', 'g1', 'a', { title: 'group one' })
    hub.set('todo', 'g2', 'a', { title: 'group two' })
    await socket.waitFor(isEvent('create'))
    expect(socket.messages.map((message) => [message.groupId, message.event.type])).toEqual([
      ['g2', 'sync'],
      ['g2', 'create'],
    ])
  })

  it('sends a client subscribed to both a group and one of its items each change once', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const socket = await raw(url)
    socket.send(join({ streamName: 'todo', groupId: 'g1' }))
    socket.send(join({ streamName: 'todo', groupId: 'g1', id: 'a' }))
    await socket.waitFor((message) => message.event.type === 'sync' && message.id === 'a')
    hub.set('todo', 'g1', 'a', { title: 'one' })
    hub.send('todo', { groupId: 'g1' }, { type: 'marker', data: null })
    await socket.waitFor(isEvent('marker'))
    expect(socket.messages.map((message) => message.event.type)).toEqual(['sync', 'sync', 'create', 'event'])
  })

  it('stops sending to a subscription after its `leave`', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const socket = await raw(url)
    const group = join({ streamName: 'todo', groupId: 'g1' })
    socket.send(group)
    socket.send({ type: 'leave', data: group.data })
    socket.send(join({ streamName: 'todo', groupId: 'g2' }))
    await socket.waitFor((message) => message.groupId === 'g2')
    hub.set('todo', 'g1', 'a', { title: 'unseen' })
    hub.send('todo', { groupId: 'g2' }, { type: 'marker', data: null })
    await socket.waitFor(isEvent('marker'))
    expect(socket.messages.map((message) => [message.groupId, message.event.type])).toEqual([
      ['g1', 'sync'],
      ['g2', 'sync'],
      ['g2', 'event'],
    ])
  })
})

describe('messages the server cannot act on', () => {
  it('answers each with an error event naming the problem, and keeps serving the socket', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const served = await start(hub)
    const socket = await raw(served.url)
    socket.send(join({ streamName: 'nope', groupId: 'g1' }))
    socket.send('{not json')
    socket.send({ type: 'subscribe', data: { streamName: 'todo', groupId: 'g1', subscriptionId: 's' } })
    socket.send({ type: 'join', data: { streamName: 'todo', groupId: 7 } })
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    socket.send(join({ streamName: 'todo', groupId: 'g1' }))
    await socket.waitFor(isEvent('sync'))
    const error = (code: string, message: string, target: Record<string, string> = {}) => ({ ...target, event: { type: 'event', event: { type: 'error', data: { code, message } } } })
    expect(socket.messages.map(({ timestamp: _, ...message }) => message)).toEqual([
      error('STREAM_NOT_FOUND', 'No stream named "nope": declare it in a *.stream.ts, *.stream.js or *_stream.py file.', { streamName: 'nope', groupId: 'g1' }),
      error('STREAM_BAD_MESSAGE', 'The message is not JSON: send `{"type":"join","data":{"streamName","groupId","id?","subscriptionId"}}`.'),
      error('STREAM_BAD_MESSAGE', 'Unknown message type "subscribe": the server understands "join" and "leave".', { streamName: 'todo', groupId: 'g1' }),
      error('STREAM_BAD_MESSAGE', 'The "join" message needs data.groupId, data.subscriptionId as non-empty strings.', { streamName: 'todo' }),
      error('STREAM_BAD_MESSAGE', 'The message is not JSON: send `{"type":"join","data":{"streamName","groupId","id?","subscriptionId"}}`.'),
      { streamName: 'todo', groupId: 'g1', event: { type: 'sync', data: [] } },
    ])
    expect(served.sockets.clients).toBe(1)
  })

  it('closes a socket that sends a frame over 64 KiB (1009), and goes on serving others', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub)
    const socket = await raw(url)
    socket.send(join({ streamName: 'todo', groupId: 'x'.repeat(70 * 1024) }))
    expect(await socket.closed).toBe(1009)
    const other = await raw(url)
    other.send(join({ streamName: 'todo', groupId: 'g1' }))
    await other.waitFor(isEvent('sync'))
  })
})

describe('limits and failures of one connection', () => {
  it('refuses a join past maxSubscriptions until the client leaves one; re-joining a held subscription is no new one', async () => {
    const hub = new MemoryStreamHub({ todo: {} })
    const { url } = await start(hub, { maxSubscriptions: 2 })
    const socket = await raw(url)
    const [g1, g2, g3] = ['g1', 'g2', 'g3'].map((groupId) => join({ streamName: 'todo', groupId }))
    socket.send(g1)
    socket.send(g2)
    socket.send(g3)
    socket.send(g2)
    socket.send({ type: 'leave', data: g1?.data })
    socket.send(g3)
    await socket.waitFor((message) => message.groupId === 'g3' && message.event.type === 'sync')
    expect(socket.messages.map((message) => [message.groupId, message.event.type === 'event' ? message.event.event?.data : message.event.type])).toEqual([
      ['g1', 'sync'],
      ['g2', 'sync'],
      ['g3', { code: 'STREAM_TOO_MANY_SUBSCRIPTIONS', message: 'This connection already holds 2 subscriptions, the most it may: leave some first.' }],
      ['g2', 'sync'],
      ['g3', 'sync'],
    ])
  })

  it('answers STREAM_FAILED when the stream cannot be read for the sync, logs it, and keeps the client out of the room', async () => {
    class BrokenHub extends MemoryStreamHub {
      override async getGroup(): Promise<never> {
        throw new Error('disk I/O error')
      }
    }
    const hub = new BrokenHub({ todo: {} })
    const served = await start(hub)
    const socket = await raw(served.url)
    socket.send(join({ streamName: 'todo', groupId: 'g1' }))
    await socket.waitFor(isEvent('error'))
    hub.set('todo', 'g1', 'a', { title: 'unseen' })
    socket.send(join({ streamName: 'todo', groupId: 'g1', id: 'a' }))
    await socket.waitFor(isEvent('sync'))
    expect(socket.messages.map(({ timestamp: _, ...message }) => message)).toEqual([
      { streamName: 'todo', groupId: 'g1', event: { type: 'event', event: { type: 'error', data: { code: 'STREAM_FAILED', message: 'Could not read the stream: disk I/O error' } } } },
      { streamName: 'todo', groupId: 'g1', id: 'a', event: { type: 'sync', data: { title: 'unseen', id: 'a' } } },
    ])
    expect(served.lines.map((line) => [line.level, line.message])).toEqual([['error', 'Stream "todo": could not read group "g1" for a client: disk I/O error']])
  })
})
