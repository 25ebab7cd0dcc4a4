import { type OutgoingHttpHeaders, type ServerResponse, STATUS_CODES } from 'node:http'
import { pipeline, Readable } from 'node:stream'
import { CORS_HEADERS } from './cors.js'

const TEXT = 'text/plain; charset=utf-8'
const BINARY = 'application/octet-stream'
const JSON_TYPE = 'application/json; charset=utf-8'

export interface WriteOptions {
  /** Motia v0.x's permissive CORS headers: on app responses, never on admin ones. */
  cors: boolean
  /** A stream body that fails once the headers are sent. */
  onStreamError?: (error: Error) => void
}

/**
 * Writes one response: CORS headers (when `options.cors`), then the handler's headers (names lower-cased, so they override
 * ours), then the body by kind: bytes (Buffer, any typed array, ArrayBuffer) as is, a string as text,
 * a stream (Node Readable or web ReadableStream) piped chunked, anything else as JSON. 204, 304 and
 * `undefined` bodies send nothing; for HEAD, node drops the body and keeps the length.
 * Throws (before anything is sent) when a header name or value is invalid; a stream that fails once
 * the headers are sent cuts the response and is reported to `options.onStreamError`.
 */
export function writeResponse(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, unknown>> | undefined,
  options: WriteOptions,
): void {
  const out: OutgoingHttpHeaders = options.cors ? { ...CORS_HEADERS } : {}
  let payload: string | Uint8Array | undefined
  let stream: Readable | undefined
  const bodyless = status === 204 || status === 304
  if (!bodyless && body !== undefined) {
    if (typeof body === 'string') {
      payload = body
      out['content-type'] = TEXT
    } else if (body instanceof Uint8Array || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
      payload = bytesOf(body)
      out['content-type'] = BINARY
    } else if ((stream = streamOf(body))) {
      out['content-type'] = BINARY
    } else {
      payload = JSON.stringify(body) as string | undefined
      if (payload !== undefined) out['content-type'] = JSON_TYPE
    }
  }
  if (headers !== undefined) {
    for (const name in headers) {
      const value = headers[name]
      if (value !== undefined && value !== null) out[name.toLowerCase()] = value as string
    }
  }
  if (stream) {
    res.writeHead(status, reasonOf(status), out)
    if (res.req?.method === 'HEAD') {
      stream.destroy()
      res.end()
    } else {
      pipeline(stream, res, (error) => error && options.onStreamError?.(error))
    }
    return
  }
  // A stream that is not sent (204, 304) is still closed, so a file handle does not leak.
  if (bodyless) streamOf(body)?.destroy()
  // Ours wins over a handler's: a wrong length would break the connection.
  if (!bodyless) out['content-length'] = payload === undefined ? 0 : typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength
  res.writeHead(status, reasonOf(status), out)
  res.end(payload)
}

// Given every time: node keeps the reason of an earlier writeHead that threw (a bad header), and would
// send the 500 that follows as `500 OK`.
function reasonOf(status: number): string {
  return STATUS_CODES[status] ?? 'unknown'
}

function bytesOf(body: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
}

function streamOf(body: unknown): Readable | undefined {
  if (body instanceof Readable) return body
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return Readable.fromWeb(body as never)
  return undefined
}
