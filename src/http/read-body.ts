import type { IncomingMessage } from 'node:http'

/** Returned instead of a body when the request declares or sends more than the limit. */
export const TOO_LARGE = Symbol('body too large')

/** Whether the request carries a body at all (RFC 9112 §6.3: a length or a transfer coding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * Collects the body up to `limit` bytes. Past the limit it keeps no more chunks and answers TOO_LARGE
 * at once; the caller replies 413 with `Connection: close`, so the rest is never held in memory.
 * A promise settles once, so the listeners need no removal: later events are no-ops.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(TOO_LARGE)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
      } else {
        chunks.length = 0
        resolve(TOO_LARGE)
      }
    })
    req.on('end', () => {
      if (size <= limit) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    })
    // Node emits 'error' on a request only when someone listens; 'close' before the end is the abort.
    // (Every request closes: building the Error only when incomplete keeps a stack capture off the hot path.)
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before the request body ended'))
    })
  })
}
