// A client that stops reading is dropped once the bytes waiting for it pass the bound, and it is logged.
import type { Socket } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { MemoryStreamHub } from '../../helpers/memory-stream-hub.js'
import { isEvent, join, useSocketTestbed } from './serve-sockets.js'

const { start, raw } = useSocketTestbed()

const BOUND = 256 * 1024
const PAYLOAD = 'x'.repeat(16 * 1024)
// A message carries the payload plus its envelope; the bound may be passed by at most one of them.
const MESSAGE_MAX = PAYLOAD.length + 200
// Far more than loopback's kernel buffers hold (32 MiB at most here; the drop came after ~4 MiB): the flood must reach the bound long before this.
const MAX_FLOOD_BYTES = 128 * 1024 * 1024

describe('a client that stops reading', () => {
  it('is dropped once more than the bound waits for it, with one warning; a reading client keeps its messages', async () => {
    const hub = new MemoryStreamHub({ feed: {} })
    const served = await start(hub, { bufferLimit: BOUND })
    const stuck = await raw(served.url)
    const reading = await raw(served.url)
    for (const socket of [stuck, reading]) {
      socket.send(join({ streamName: 'feed', groupId: 'g' }))
      await socket.waitFor(isEvent('sync'))
    }
    ;(stuck.ws as unknown as { _socket: Socket })._socket.pause()

    let sent = 0
    for (let n = 0; served.sockets.clients === 2 && sent < MAX_FLOOD_BYTES; n++) {
      hub.set('feed', 'g', `item-${n % 100}`, { payload: PAYLOAD })
      sent += PAYLOAD.length
      // Let the sockets write (and the reading client read) between bursts.
      if (n % 20 === 0) await nextTurn()
    }
    expect(served.sockets.clients).toBe(1)

    const drops = served.lines.filter((line) => line.level === 'warn')
    expect(drops).toHaveLength(1)
    const [drop] = drops
    const client = drop?.fields?.client as string
    expect(client).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(drop?.message).toMatch(
      new RegExp(
        `^Dropped stream client ${client.replace(/\./g, '\\.')}: it stopped reading, and \\d+ bytes of messages \\(stream "feed"\\) were waiting for it, over the limit of ${BOUND} bytes \\(--stream-buffer-limit\\)$`,
      ),
    )
    expect(drop?.fields).toMatchObject({ stream: 'feed', client, bufferLimit: BOUND })
    // What the server held for it stayed within the bound plus the one message that crossed it.
    const buffered = drop?.fields?.buffered as number
    expect(buffered).toBeGreaterThan(BOUND)
    expect(buffered).toBeLessThanOrEqual(BOUND + MESSAGE_MAX)

    // The stuck client finds its connection cut (no close frame: 1006) once it reads again.
    ;(stuck.ws as unknown as { _socket: Socket })._socket.resume()
    expect(await stuck.closed).toBe(1006)
    // The reading client is still served.
    hub.send('feed', { groupId: 'g' }, { type: 'marker', data: null })
    await reading.waitFor(isEvent('marker'))
  })
})
