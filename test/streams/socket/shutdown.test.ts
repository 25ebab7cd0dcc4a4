// close(): every client gets 1001 (going away); one that does not answer is cut; new upgrades get 503.
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { MemoryStreamHub } from '../../helpers/memory-stream-hub.js'
import { refusedUpgrade } from '../../helpers/stream-client.js'
import { isEvent, join, useSocketTestbed } from './serve-sockets.js'

const { start, client, raw } = useSocketTestbed()

describe('closing the stream socket server', () => {
  it('closes each client with 1001, stops listening to the hub, and refuses new upgrades with 503', async () => {
    const hub = new MemoryStreamHub({ feed: {} })
    const served = await start(hub)
    const socket = await raw(served.url)
    const real = client(served.url)
    real.stream.subscribeGroup('feed', 'g')
    await real.waitFor(isEvent('sync'))
    expect(served.sockets.clients).toBe(2)

    await served.sockets.close()
    expect(await socket.closed).toBe(1001)
    expect(served.sockets.clients).toBe(0)
    expect(hub.listenerCount).toBe(0)
    expect(await refusedUpgrade(served.url)).toEqual({ status: 503, body: 'The server is shutting down' })
  })

  it('cuts a client that does not answer the close frame, so close() does not hang', async () => {
    const hub = new MemoryStreamHub({ feed: {} })
    const served = await start(hub)
    const stuck = await raw(served.url)
    stuck.send(join({ streamName: 'feed', groupId: 'g' }))
    await stuck.waitFor(isEvent('sync'))
    ;(stuck.ws as unknown as { _socket: Socket })._socket.pause()
    await served.sockets.close()
    expect(served.sockets.clients).toBe(0)
  })
})
