// A stream socket server on a real HttpServer on loopback, with the log lines it wrote.
import { afterEach } from 'vitest'
import { HttpServer } from '../../../src/http/server.js'
import { StreamSocketServer, type StreamSocketOptions } from '../../../src/streams/socket/index.js'
import type { StreamHub } from '../../../src/streams/stream-hub.js'
import { openRawSocket, openStreamClient, type RawSocket, type StreamClient } from '../../helpers/stream-client.js'

export interface LoggedLine {
  level: string
  message: string
  fields?: Record<string, unknown>
}

export interface ServedSockets {
  url: string
  sockets: StreamSocketServer
  lines: LoggedLine[]
  close(): Promise<void>
}

export async function serveSockets(hub: StreamHub, options: Partial<StreamSocketOptions> = {}): Promise<ServedSockets> {
  const lines: LoggedLine[] = []
  const log = (level: LoggedLine['level'], message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields })
  const sockets = new StreamSocketServer({ hub, log, ...options })
  const http = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: [],
    adminAccess: { open: false },
    log,
    onUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
  })
  const { port } = await http.start()
  return {
    url: `ws://127.0.0.1:${port}`,
    sockets,
    lines,
    close: async () => {
      await sockets.close()
      await http.close(1_000)
    },
  }
}

/** For one test file: `start` a server and open clients; `afterEach` closes them all, then the server. */
export function useSocketTestbed() {
  let served: ServedSockets | undefined
  const clients: Array<StreamClient | RawSocket> = []
  afterEach(async () => {
    for (const client of clients.splice(0)) 'stream' in client ? client.close() : client.ws.terminate()
    await served?.close()
    served = undefined
  })
  return {
    async start(hub: StreamHub, options?: Partial<StreamSocketOptions>): Promise<ServedSockets> {
      served = await serveSockets(hub, options)
      return served
    },
    client(url: string, options?: { protocols?: string[] }): StreamClient {
      const opened = openStreamClient(url, options)
      clients.push(opened)
      return opened
    },
    async raw(url: string, options?: { headers?: Record<string, string> }): Promise<RawSocket> {
      const opened = await openRawSocket(url, options)
      clients.push(opened)
      return opened
    },
  }
}

/** A `join` message with a subscriptionId made from its data. */
export const join = (data: Record<string, string>) => ({ type: 'join', data: { subscriptionId: `sub-${Object.values(data).join('-')}`, ...data } })

/** Matches a message whose event, or custom event, has `type`. */
export const isEvent =
  (type: string) =>
  (message: { event: { type: string; event?: { type: string } } }): boolean =>
    message.event.type === type || message.event.event?.type === type
