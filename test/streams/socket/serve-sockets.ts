// A stream socket server on a real HttpServer on loopback, with the log lines it wrote.
import { HttpServer } from '../../../src/http/server.js'
import { StreamSocketServer, type StreamSocketOptions } from '../../../src/streams/socket/index.js'
import type { StreamHub } from '../../../src/streams/stream-hub.js'

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
