// Two `motia run` nodes from one checkout on one Redis: stream writes that TS and Python steps make on
// node 1 reach a `@motiadev/stream-client-node` client connected to node 2, once each, in order, and a
// client of node 1 gets each once too (never again by way of Redis).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'
import { openStreamClient, waitForState, type ServerMessage, type StreamClient } from '../helpers/stream-client.js'

describe('streams on two nodes sharing one Redis', () => {
  let redis: RedisServer
  let node1: MotiaProcess
  let node2: MotiaProcess
  const clients: StreamClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    const project = copyFixture('streams')
    const env = { MOTIA_REDIS_URL: redis.url }
    node1 = await startMotia(project, { env })
    node2 = await startMotia(project, { env })
  })
  afterAll(async () => {
    for (const client of clients) client.close()
    await Promise.all([node1?.stop(), node2?.stop()])
    await redis?.close()
  })

  const call = async (node: MotiaProcess, language: 'ts' | 'py', op: string, body: object) => {
    const response = await fetch(`${node.url}/${language}/counters/room/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200)
  }
  const connect = async (node: MotiaProcess) => {
    const client = openStreamClient(`ws://127.0.0.1:${node.port}`)
    clients.push(client)
    const subscription = client.stream.subscribeGroup<{ id: string; value: number }>('counters', 'room')
    await client.waitFor((message) => message.event.type === 'sync')
    return { client, subscription }
  }
  /** What a client got after its sync, as [type, item id or event type]. */
  const changesSeen = (client: StreamClient) =>
    client.messages.filter((message) => message.event.type !== 'sync').map((message: ServerMessage) => [message.event.type, message.event.event?.type ?? (message.event.data as { id: string }).id])

  it('shows a client of node 2 every create, update, delete and send made by TS and Python steps on node 1, once', async () => {
    const onNode2 = await connect(node2)
    const onNode1 = await connect(node1)
    await call(node1, 'ts', 'set', { id: 'n1', data: { value: 1 } })
    await call(node1, 'py', 'set', { id: 'n2', data: { value: 2 } })
    await call(node1, 'py', 'set', { id: 'n1', data: { value: 10 } })
    await call(node1, 'py', 'send', { channel: { groupId: 'room' }, event: { type: 'typing', data: { who: 'py' } } })
    await call(node1, 'ts', 'delete', { id: 'n2' })
    await call(node1, 'ts', 'send', { channel: { groupId: 'room' }, event: { type: 'done', data: null } })

    const expected = [['create', 'n1'], ['create', 'n2'], ['update', 'n1'], ['event', 'typing'], ['delete', 'n2'], ['event', 'done']]
    await onNode2.client.waitFor((message) => message.event.event?.type === 'done')
    expect(changesSeen(onNode2.client)).toEqual(expected)
    expect(await waitForState(onNode2.subscription, (items: { id: string }[]) => items.length === 1)).toEqual([{ id: 'n1', value: 10 }])
    await onNode1.client.waitFor((message) => message.event.event?.type === 'done')
    // A change node 2 makes comes to node 1's client after node 1's own: an echo of those would show before it.
    await call(node2, 'py', 'send', { channel: { groupId: 'room' }, event: { type: 'reply', data: null } })
    await onNode1.client.waitFor((message) => message.event.event?.type === 'reply')
    expect(changesSeen(onNode1.client)).toEqual([...expected, ['event', 'reply']])
    // A client that joins node 2 later gets the items node 1 wrote, from Redis.
    const late = await connect(node2)
    expect(late.client.messages[0]!.event.data).toEqual([{ value: 10, id: 'n1' }])
  })
})
