// Who may connect (streamAuth.authenticate at the upgrade) and subscribe (the stream's canAccess).
import type { StreamGroupSubscription } from '@motiadev/stream-client-node'
import { describe, expect, it } from 'vitest'
import type { StreamAuthRequest } from '../../../src/types.js'
import { MemoryStreamHub } from '../../helpers/memory-stream-hub.js'
import { refusedUpgrade, waitForState } from '../../helpers/stream-client.js'
import { isEvent, join, useSocketTestbed } from './serve-sockets.js'

const { start, client, raw } = useSocketTestbed()

const TOKENS: Record<string, { userId: string }> = { 'token-ada': { userId: 'ada' } }
// As Motia v0.x's playground: the token comes in the `sec-websocket-protocol` header or `?authToken=`.
function authenticate({ headers, url }: StreamAuthRequest): { userId: string } {
  const token = (headers['sec-websocket-protocol'] as string | undefined) ?? new URL(url ?? '/', 'http://x').searchParams.get('authToken') ?? ''
  const context = TOKENS[token]
  if (!context) throw new Error(`unknown token "${token}"`)
  return context
}
const ownGroupOnly = new MemoryStreamHub({ chat: { canAccess: (subscription, auth) => (auth as { userId?: string } | undefined)?.userId === subscription.groupId } })
const DENIED = { type: 'event', event: { type: 'error', data: { code: 'STREAM_ACCESS_DENIED', message: 'Access denied' } } }

describe('streamAuth.authenticate', () => {
  it('refuses the upgrade with HTTP 401 when it throws, and logs why at debug level', async () => {
    const served = await start(ownGroupOnly, { authenticate })
    expect(await refusedUpgrade(served.url, { 'sec-websocket-protocol': 'token-eve' })).toEqual({ status: 401, body: 'Authentication failed' })
    expect(await refusedUpgrade(`${served.url}/?authToken=nope`)).toEqual({ status: 401, body: 'Authentication failed' })
    expect(served.lines.map((line) => [line.level, line.message.replace(/127\.0\.0\.1:\d+/, 'CLIENT')])).toEqual([
      ['debug', 'Stream connection from CLIENT refused: streamAuth.authenticate threw: unknown token "token-eve"'],
      ['debug', 'Stream connection from CLIENT refused: streamAuth.authenticate threw: unknown token "nope"'],
    ])
    expect(served.sockets.clients).toBe(0)
  })

  it('refuses with 503 when it does not answer within authenticateTimeoutMs, and says so in a warning', async () => {
    const served = await start(ownGroupOnly, { authenticate: () => new Promise(() => {}), authenticateTimeoutMs: 100 })
    expect(await refusedUpgrade(served.url)).toEqual({ status: 503, body: 'Authentication timed out' })
    expect(served.lines.map((line) => [line.level, line.message.replace(/127\.0\.0\.1:\d+/, 'CLIENT')])).toEqual([
      ['warn', 'Stream connection from CLIENT refused (503): streamAuth.authenticate did not answer within 100 ms'],
    ])
  })

  it('refuses with 401 when it returns a rejected promise', async () => {
    const served = await start(ownGroupOnly, { authenticate: () => Promise.reject(new Error('expired')) })
    expect(await refusedUpgrade(served.url)).toEqual({ status: 401, body: 'Authentication failed' })
  })

  it('hands what it returns to canAccess, for every subscription of the connection (the real client, token as subprotocol)', async () => {
    const { url } = await start(ownGroupOnly, { authenticate })
    const { stream, waitFor, messages } = client(url, { protocols: ['token-ada'] })
    const own = stream.subscribeGroup('chat', 'ada') as StreamGroupSubscription<{ id: string }>
    await waitFor(isEvent('sync'))
    const other = stream.subscribeGroup('chat', 'bob') as StreamGroupSubscription<{ id: string }>
    const denied: unknown[] = []
    other.onEvent('error', (data: unknown) => denied.push(data))
    await waitFor(isEvent('error'))
    expect(denied).toEqual([{ code: 'STREAM_ACCESS_DENIED', message: 'Access denied' }])
    expect(messages.map(({ timestamp: _, ...message }) => message)).toEqual([
      { streamName: 'chat', groupId: 'ada', event: { type: 'sync', data: [] } },
      { streamName: 'chat', groupId: 'bob', event: DENIED },
    ])

    // The denied subscription is in no room: bob's messages do not reach it, ada's still do.
    ownGroupOnly.set('chat', 'bob', 'm1', { text: 'private' })
    ownGroupOnly.set('chat', 'ada', 'm2', { text: 'hello ada' })
    expect(await waitForState<unknown[]>(own, (state) => state.length === 1)).toEqual([{ id: 'm2', text: 'hello ada' }])
    expect(messages.map((message) => message.groupId)).toEqual(['ada', 'bob', 'ada'])
  })
})

describe('canAccess', () => {
  it('denies an item subscription it refuses, with v0.x STREAM_ACCESS_DENIED event carrying the item id', async () => {
    const hub = new MemoryStreamHub({ chat: { canAccess: (subscription) => subscription.id !== 'secret' } })
    const { url } = await start(hub)
    const socket = await raw(url)
    socket.send(join({ streamName: 'chat', groupId: 'g', id: 'secret' }))
    await socket.waitFor(isEvent('error'))
    expect(socket.messages.map(({ timestamp: _, ...message }) => message)).toEqual([{ streamName: 'chat', groupId: 'g', id: 'secret', event: DENIED }])
  })

  it('denies when it throws, and logs the error', async () => {
    const hub = new MemoryStreamHub({
      chat: {
        canAccess: () => {
          throw new Error('policy store down')
        },
      },
    })
    const served = await start(hub)
    const socket = await raw(served.url)
    socket.send(join({ streamName: 'chat', groupId: 'g' }))
    await socket.waitFor(isEvent('error'))
    expect(socket.messages.map(({ timestamp: _, ...message }) => message)).toEqual([{ streamName: 'chat', groupId: 'g', event: DENIED }])
    expect(served.lines).toEqual([
      { level: 'error', message: 'Stream "chat": canAccess threw, so the subscription is denied: policy store down', fields: { stream: 'chat', groupId: 'g', id: undefined } },
    ])
  })
})
