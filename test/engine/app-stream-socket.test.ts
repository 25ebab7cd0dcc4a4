// The app serves the stream WebSocket on its HTTP port, guarded by motia.config.ts's streamAuth, and
// closes its clients with 1001 when it stops.
import { afterEach, describe, expect, it } from 'vitest'
import { MotiaApp } from '../../src/engine/app.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { MemoryStreamHub } from '../helpers/memory-stream-hub.js'
import { copyFixture } from '../helpers/motia-process.js'
import { openRawSocket, type RawSocket, refusedUpgrade } from '../helpers/stream-client.js'

let app: MotiaApp | undefined
const sockets: RawSocket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate()
  await app?.close()
  app = undefined
})

async function startApp(streamHub: MemoryStreamHub): Promise<string> {
  app = new MotiaApp({ root: copyFixture('stream-auth'), mode: 'dev', port: 0, memory: true, logLevel: 'error', languages: [new NodeLanguage()], streamHub })
  const { port } = await app.start()
  return `127.0.0.1:${port}`
}

describe('the stream WebSocket of an app', () => {
  it("answers 401 when motia.config.ts's streamAuth refuses, and hands what it returns to canAccess", async () => {
    const seen: unknown[] = []
    const hub = new MemoryStreamHub({ chat: { canAccess: (_subscription, auth) => seen.push(auth) > 0 } })
    const host = await startApp(hub)
    expect(await refusedUpgrade(`ws://${host}/?authToken=nope`)).toEqual({ status: 401, body: 'Authentication failed' })

    const socket = await openRawSocket(`ws://${host}/?authToken=token-ada`)
    sockets.push(socket)
    socket.send({ type: 'join', data: { streamName: 'chat', groupId: 'room', subscriptionId: 's1' } })
    const sync = await socket.waitFor((message) => message.event.type === 'sync')
    expect(sync.event).toEqual({ type: 'sync', data: [] })
    expect(seen).toEqual([{ userId: 'ada' }])
    // HTTP routes are served on the same port as before.
    expect(await (await fetch(`http://${host}/ping`)).json()).toEqual({ pong: true })
  })

  it('closes its clients with 1001 on app.close(), and stops listening to the streams', async () => {
    const hub = new MemoryStreamHub({ chat: {} })
    const host = await startApp(hub)
    const socket = await openRawSocket(`ws://${host}/?authToken=token-ada`)
    sockets.push(socket)
    expect(hub.listenerCount).toBe(1)
    await app?.close()
    expect(await socket.closed).toBe(1001)
    expect(hub.listenerCount).toBe(0)
  })
})
