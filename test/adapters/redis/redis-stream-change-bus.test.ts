// Two AppStreams on one Redis, as two nodes: a change made on one reaches the other's listeners once, and
// the writer's own listeners once (never back again through Redis).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisStreamChangeBus } from '../../../src/adapters/redis/redis-stream-change-bus.js'
import { RedisStreamStore } from '../../../src/adapters/redis/redis-stream-store.js'
import type { Language } from '../../../src/languages/language.js'
import { AppStreams } from '../../../src/streams/app-streams.js'
import type { StreamChange } from '../../../src/streams/stream-hub.js'
import type { StreamDefinition } from '../../../src/streams/stream-definition.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'

const messages: StreamDefinition = {
  name: 'messages',
  filePath: '/app/steps/messages.stream.ts',
  relativePath: 'steps/messages.stream.ts',
  language: 'typescript',
  schema: null,
  hasCanAccess: false,
  runtime: {} as Language,
}

let redis: RedisServer
const errors: unknown[] = []
const nodes: AppStreams[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((node) => node.close()))
  expect(errors).toEqual([])
})
afterAll(async () => {
  await redis?.close()
})

/** One node's streams on the shared Redis, recording every change its listeners get. */
async function openNode(prefix = 'app') {
  const onError = (error: unknown) => errors.push(error)
  const options = { url: redis.url, prefix, onError }
  const streams = new AppStreams([messages], new RedisStreamStore(options), {
    strict: false,
    warn: (message) => errors.push(message),
    onListenerError: onError,
    changes: await RedisStreamChangeBus.open(options),
  })
  nodes.push(streams)
  const changes: StreamChange[] = []
  streams.onChange((change) => changes.push(change))
  return { streams, messages: streams.streams.messages!, changes }
}

/** Resolves once `changes` holds `count` entries: what a node heard is then compared whole, duplicates included. */
function waitForCount(changes: StreamChange[], count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const check = () => {
      if (changes.length >= count) resolve()
      else if (Date.now() > deadline) reject(new Error(`Expected ${count} changes within ${timeoutMs} ms, got ${JSON.stringify(changes)}`))
      else setTimeout(check, 10)
    }
    check()
  })
}

describe('Stream changes across nodes on one Redis', () => {
  it('a set, an update, a delete and a send on node 1 reach node 2 once each, in order; node 1 never hears its own back', async () => {
    const node1 = await openNode()
    const node2 = await openNode()
    await node1.messages.set('room', 'm1', { text: 'hi' })
    await node1.messages.set('room', 'm1', { text: 'edited' })
    await node1.messages.delete('room', 'm1')
    await node1.messages.send({ groupId: 'room', id: 'm1' }, { type: 'typing', data: { who: 'ann' } })
    const expected: StreamChange[] = [
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'create', data: { text: 'hi', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'update', data: { text: 'edited', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'delete', data: { text: 'edited', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'event', event: { type: 'typing', data: { who: 'ann' } } } },
    ]
    await waitForCount(node2.changes, 4)
    expect(node2.changes).toEqual(expected)
    // A reply from node 2, published after node 1's four: were node 1 to hear its own changes back from
    // Redis, they would come before the reply.
    const reply: StreamChange = { streamName: 'messages', groupId: 'room', event: { type: 'event', event: { type: 'seen', data: null } } }
    await node2.messages.send({ groupId: 'room' }, { type: 'seen', data: null })
    await waitForCount(node1.changes, 5)
    expect(node1.changes).toEqual([...expected, reply])
    expect(node2.changes).toEqual([...expected, reply])
  })

  it('an item written on node 1 is read on node 2, and an app with another prefix hears nothing', async () => {
    const node1 = await openNode()
    const node2 = await openNode()
    const otherApp = await openNode('other-app')
    await node1.messages.set('room', 'm1', { text: 'shared' })
    expect(await node2.streams.getGroup('messages', 'room')).toEqual([{ text: 'shared', id: 'm1' }])
    await otherApp.messages.send({ groupId: 'room' }, { type: 'mine', data: 1 })
    await node1.messages.send({ groupId: 'room' }, { type: 'last', data: 2 })
    await waitForCount(node2.changes, 2)
    expect(node2.changes.map((change) => change.event.type === 'event' ? change.event.event.type : change.event.type)).toEqual(['create', 'last'])
    expect(otherApp.changes.map((change) => change.event.type === 'event' ? change.event.event.type : change.event.type)).toEqual(['mine'])
  })
})
