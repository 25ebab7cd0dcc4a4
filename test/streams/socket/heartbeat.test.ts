// A client that vanished without closing (simulated: its socket stops reading, so it answers no ping)
// is cut after one unanswered ping; a live one answers and stays. The interval is generous: a stalled
// event loop (a loaded machine) must not look like a silent client.
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { MemoryStreamHub } from '../../helpers/memory-stream-hub.js'
import { eventually } from '../../helpers/motia-process.js'
import { useSocketTestbed } from './serve-sockets.js'

const { start, raw } = useSocketTestbed()

describe('the heartbeat', () => {
  it('cuts a client that does not answer a ping, and keeps one that does', async () => {
    const served = await start(new MemoryStreamHub({ feed: {} }), { pingIntervalMs: 500 })
    const gone = await raw(served.url)
    const live = await raw(served.url)
    let pings = 0
    live.ws.on('ping', () => pings++)
    ;(gone.ws as unknown as { _socket: Socket })._socket.pause()

    await eventually(async () => (served.sockets.clients === 1 ? true : undefined))
    await eventually(async () => (pings >= 3 ? true : undefined))
    expect(served.sockets.clients).toBe(1)
    expect(live.ws.readyState).toBe(live.ws.OPEN)
    expect(served.lines.map((line) => line.message.replace(/127\.0\.0\.1:\d+/, 'CLIENT'))).toEqual(['Stream client CLIENT did not answer a ping: connection cut'])
  })
})
