import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ApiResponse } from '../types.js'
import { hostOfHeader, isLoopbackHost } from './loopback.js'
import type { AdminAccess } from './options.js'

const BEARER = /^\s*bearer\s+(\S+)\s*$/i

/**
 * Who may call `/__motia/*` (DESIGN.md §6). Returns the refusal to send, or undefined to serve it.
 * In order:
 * - not open and no token: 404, as if `/__motia/*` did not exist;
 * - an `Origin` other than the server's own (`http://` + the `Host` the request came to): 403. Browsers
 *   send `Origin` on cross-site requests, so no web page can use the admin API; curl and the CLI send none;
 * - open without a token, a `Host` that is not a loopback name: 421. That closes DNS rebinding, where a
 *   page's own name is pointed at 127.0.0.1 and its requests become same-origin;
 * - with a token, a request without `Authorization: Bearer <token>`: 401.
 * An empty token counts as none.
 */
export function adminGuard(access: AdminAccess): (method: string, path: string, headers: IncomingHttpHeaders) => ApiResponse | undefined {
  const token = access.token || undefined
  if (!access.open && token === undefined) return (method, path) => ({ status: 404, body: { error: 'Not Found', method, path } })
  // Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
  const expected = token === undefined ? undefined : digest(token)
  return (_method, _path, headers) => {
    const origin = headers.origin
    if (origin !== undefined && !isOwnOrigin(origin, headers.host)) return crossOrigin(origin)
    if (expected === undefined) {
      const host = headers.host
      return host === undefined || isLoopbackHost(hostOfHeader(host)) ? undefined : misdirected(host)
    }
    const match = headers.authorization === undefined ? null : BEARER.exec(headers.authorization)
    if (match !== null && timingSafeEqual(digest(match[1]!), expected)) return undefined
    return { status: 401, body: { error: 'Unauthorized' }, headers: { 'www-authenticate': 'Bearer' } }
  }
}

/**
 * The admin access an app gets: open in `dev` on a loopback host; elsewhere only with a token. `dev` on
 * any other host without MOTIA_ADMIN_TOKEN gets a random one (`generated`), which the app prints.
 */
export function adminAccessFor(dev: boolean, host: string, token: string | undefined): AdminAccess & { generated?: string } {
  if (token) return { open: false, token }
  if (!dev) return { open: false }
  if (isLoopbackHost(host)) return { open: true }
  const generated = randomBytes(24).toString('base64url')
  return { open: false, token: generated, generated }
}

/** The line `motia dev` prints with a token it generated (as Jupyter does). */
export function generatedTokenNotice(host: string, token: string): string {
  return (
    `Admin endpoints (/__motia/*) need a token, because ${host} is not a loopback address. ` +
    `Send \`Authorization: Bearer ${token}\`; for motia emit and motia dlq, set MOTIA_ADMIN_TOKEN=${token}. ` +
    'Set MOTIA_ADMIN_TOKEN before starting to choose the token yourself.'
  )
}

// `http://LocalHost:3000` and Host `localhost:3000` are one origin; so are `http://x` and Host `x:80`.
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  const own = host.toLowerCase()
  const claimed = origin.toLowerCase()
  return claimed === `http://${own}` || (own.endsWith(':80') && claimed === `http://${own.slice(0, -3)}`)
}

function crossOrigin(origin: string): ApiResponse {
  const message = `The admin endpoints refuse cross-origin requests (Origin: ${origin}), so that no web page can read or change the app. Call them from the motia CLI or curl, which send no Origin.`
  return { status: 403, body: { error: 'Forbidden', message } }
}

function misdirected(host: string): ApiResponse {
  const port = host.slice(hostOfHeader(host).length)
  const message = `The admin endpoints answer only requests addressed to localhost or a loopback address, not to "${host}". Use http://127.0.0.1${port}, or set MOTIA_ADMIN_TOKEN to reach them under another name.`
  return { status: 421, body: { error: 'Misdirected Request', message } }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
