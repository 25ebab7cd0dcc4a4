// The HTTP side of the WebSocket upgrade: streamAuth, and refusing a socket with a real HTTP response.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { StreamAuthRequest } from '../../types.js'

export type Authentication = { ok: true; authContext: unknown } | { ok: false; reason: string; timedOut?: true }

/**
 * Runs `streamAuth.authenticate({ headers, url })`: what it returns is the auth context; a throw refuses,
 * and so does no answer within `timeoutMs` (a hung auth call must not hold sockets open forever).
 */
export async function authenticateUpgrade(
  authenticate: ((request: StreamAuthRequest) => unknown) | undefined,
  req: IncomingMessage,
  timeoutMs: number,
): Promise<Authentication> {
  if (!authenticate) return { ok: true, authContext: undefined }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Authentication>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `did not answer within ${timeoutMs} ms`, timedOut: true }), timeoutMs).unref()
  })
  const answer = (async (): Promise<Authentication> => {
    try {
      return { ok: true, authContext: await authenticate({ headers: req.headers, url: req.url }) }
    } catch (error) {
      return { ok: false, reason: `threw: ${(error as Error)?.message ?? String(error)}` }
    }
  })()
  try {
    return await Promise.race([answer, timeout])
  } finally {
    clearTimeout(timer)
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
