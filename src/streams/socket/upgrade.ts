// The HTTP side of the WebSocket upgrade: streamAuth, and refusing a socket with a real HTTP response.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { StreamAuthRequest } from '../../types.js'

export type Authentication = { ok: true; authContext: unknown } | { ok: false; reason: string }

/** Runs `streamAuth.authenticate({ headers, url })`: what it returns is the auth context; a throw refuses. */
export async function authenticateUpgrade(authenticate: ((request: StreamAuthRequest) => unknown) | undefined, req: IncomingMessage): Promise<Authentication> {
  if (!authenticate) return { ok: true, authContext: undefined }
  try {
    return { ok: true, authContext: await authenticate({ headers: req.headers, url: req.url }) }
  } catch (error) {
    return { ok: false, reason: (error as Error)?.message ?? String(error) }
  }
}

/** Answers the upgrade request with an HTTP error and closes the socket once the answer is written. */
export function refuseUpgrade(socket: Duplex, status: number, statusText: string, body: string): void {
  if (socket.destroyed) return
  const head = [
    `HTTP/1.1 ${status} ${statusText}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ]
  socket.once('finish', () => socket.destroy())
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
}

/** `host:port` of the peer, for log lines. */
export function peerAddress(req: IncomingMessage): string {
  const { remoteAddress, remotePort } = req.socket
  return remoteAddress?.includes(':') ? `[${remoteAddress}]:${remotePort}` : `${remoteAddress}:${remotePort}`
}
