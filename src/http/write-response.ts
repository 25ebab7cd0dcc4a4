import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { CORS_HEADERS } from './cors.js'

const TEXT = 'text/plain; charset=utf-8'
const BINARY = 'application/octet-stream'
const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Writes one response: CORS headers, then the handler's headers (names lower-cased, so they override
 * ours), then the body by kind: bytes as is, a string as text, anything else as JSON. 204, 304 and
 * `undefined` bodies send nothing; for HEAD, node drops the body and keeps the length.
 * Throws (before anything is sent) when a header name or value is invalid.
 */
export function writeResponse(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, unknown>>,
): void {
  const out: OutgoingHttpHeaders = { ...CORS_HEADERS }
  let payload: string | Uint8Array | undefined
  const bodyless = status === 204 || status === 304
  if (!bodyless && body !== undefined) {
    if (typeof body === 'string') {
      payload = body
      out['content-type'] = TEXT
    } else if (body instanceof Uint8Array) {
      payload = body
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
  // Ours wins over a handler's: a wrong length would break the connection.
  if (!bodyless) out['content-length'] = payload === undefined ? 0 : typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength
  res.writeHead(status, out)
  res.end(payload)
}
