import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { describe, expect, it } from 'vitest'
import { arrayAdmin } from './array-admin.js'
import { route, serverPerTest } from './helpers.js'

const serve = serverPerTest()

const EVIL = 'http://evil.example'
const CROSS_ORIGIN = {
  error: 'Forbidden',
  message: `The admin endpoints refuse cross-origin requests (Origin: ${EVIL}), so that no web page can read or change the app. Call them from the motia CLI or curl, which send no Origin.`,
}

// Every admin call a page could try: reads and changes.
const CALLS: [method: string, path: string, body?: string][] = [
  ['GET', '/__motia/flows'],
  ['GET', '/__motia/openapi.json'],
  ['GET', '/__motia/state'],
  ['GET', '/__motia/state/users'],
  ['GET', '/__motia/dlq'],
  ['GET', '/__motia/events?after=0'],
  ['GET', '/__motia/queue'],
  ['POST', '/__motia/emit', '{"topic":"t","data":1}'],
  ['POST', '/__motia/dlq/dl-1/replay'],
  ['POST', '/__motia/dlq/replay-all'],
  ['DELETE', '/__motia/dlq/dl-2'],
]

/** A raw request (fetch may not set `Host`), answered as status, headers and parsed body. */
function call(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }>((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, headers }, (response) => {
      let text = ''
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text ? JSON.parse(text) : undefined }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

const corsHeaders = (headers: IncomingHttpHeaders) => Object.keys(headers).filter((name) => name.startsWith('access-control-'))

describe('admin endpoints and web pages', () => {
  it('refuses every read and change from another origin with 403 and no CORS headers, and changes nothing', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    for (const [method, path, body] of CALLS) {
      const response = await call(base, method, path, { origin: EVIL, 'content-type': 'application/json' }, body)
      expect([method, path, response.status, response.body]).toEqual([method, path, 403, CROSS_ORIGIN])
      expect(corsHeaders(response.headers)).toEqual([])
    }
    expect(admin.emitted).toEqual([])
    expect(admin.letters.map((letter) => letter.id)).toEqual(['dl-1', 'dl-2'])
    expect(admin.replayed).toEqual([])
  })

  it('refuses a preflight from another origin, and answers its own with no CORS headers', async () => {
    const { base } = await serve({ admin: arrayAdmin().api, adminAccess: { open: true } })
    const preflight = { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
    const refused = await call(base, 'OPTIONS', '/__motia/emit', preflight)
    expect(refused.status).toBe(403)
    expect(corsHeaders(refused.headers)).toEqual([])
    const plain = await call(base, 'OPTIONS', '/__motia/emit', {})
    expect(plain.status).toBe(204)
    expect(plain.headers.allow).toBe('POST, OPTIONS')
    expect(corsHeaders(plain.headers)).toEqual([])
  })

  it('serves requests with no Origin or its own origin, without CORS headers, while app routes keep them', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true }, routes: [route('GET', '/app')] })
    const { host } = new URL(base)
    for (const origin of [undefined, base, `http://${host.toUpperCase()}`]) {
      const response = await call(base, 'GET', '/__motia/dlq', origin === undefined ? {} : { origin })
      expect(response.status).toBe(200)
      expect(corsHeaders(response.headers)).toEqual([])
    }
    const emitted = await call(base, 'POST', '/__motia/emit', { origin: base, 'content-type': 'application/json' }, '{"topic":"t","data":1}')
    expect(emitted.status).toBe(200)
    expect(admin.emitted).toEqual([{ topic: 't', data: 1 }])
    const app = await call(base, 'GET', '/app', { origin: EVIL })
    expect(app.status).toBe(200)
    expect(app.headers['access-control-allow-origin']).toBe('*')
  })

  it.each([
    ['text/plain', '{"topic":"t","data":1}'],
    ['application/x-www-form-urlencoded', '{"topic":"t","data":1}'],
    ['multipart/form-data; boundary=x', '--x--'],
    [undefined, '{"topic":"t","data":1}'],
  ])('refuses an emit sent as %s with 415 naming the fix', async (contentType, body) => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const response = await call(base, 'POST', '/__motia/emit', contentType === undefined ? {} : { 'content-type': contentType }, body)
    expect(response.status).toBe(415)
    expect(response.body).toEqual({
      error: 'Unsupported Media Type',
      message:
        "The admin endpoints read JSON bodies only: send this one with `Content-Type: application/json` (with curl: -H 'content-type: application/json').",
    })
    expect(admin.emitted).toEqual([])
  })

  it('answers a method not served on an admin path with 405 and Allow, and no CORS headers', async () => {
    const { base } = await serve({ admin: arrayAdmin().api, adminAccess: { open: true } })
    const response = await call(base, 'GET', '/__motia/emit', {})
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('POST, OPTIONS')
    expect(corsHeaders(response.headers)).toEqual([])
  })
})

describe('admin endpoints and DNS rebinding', () => {
  it('open without a token, refuses a Host that is not a loopback name with 421', async () => {
    const admin = arrayAdmin()
    const { base } = await serve({ admin: admin.api, adminAccess: { open: true } })
    const { port } = new URL(base)
    for (const host of [`evil.example:${port}`, 'evil.example', `192.168.1.10:${port}`, `localhost.evil.example:${port}`, `[::2]:${port}`]) {
      // A rebound page is same-origin with itself: its Origin matches its Host.
      const response = await call(base, 'POST', '/__motia/emit', { host, origin: `http://${host}`, 'content-type': 'application/json' }, '{"topic":"t","data":1}')
      expect([host, response.status]).toEqual([host, 421])
      expect(response.body).toEqual({
        error: 'Misdirected Request',
        message: `The admin endpoints answer only requests addressed to localhost or a loopback address, not to "${host}". Use http://127.0.0.1${host.endsWith(`:${port}`) ? `:${port}` : ''}, or set MOTIA_ADMIN_TOKEN to reach them under another name.`,
      })
    }
    expect(admin.emitted).toEqual([])
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `app.localhost:${port}`, `127.0.0.1:${port}`, `127.1.2.3:${port}`, `[::1]:${port}`, 'localhost']) {
      expect([host, (await call(base, 'GET', '/__motia/flows', { host })).status]).toEqual([host, 200])
    }
  })

  it('with a token, serves any Host that carries it, and still refuses other origins', async () => {
    const { base } = await serve({ admin: arrayAdmin().api, adminAccess: { open: false, token: 'tok' } })
    const authorization = 'Bearer tok'
    expect((await call(base, 'GET', '/__motia/flows', { host: 'my-laptop.lan:3000', authorization })).status).toBe(200)
    expect((await call(base, 'GET', '/__motia/flows', { host: 'my-laptop.lan:3000' })).status).toBe(401)
    expect((await call(base, 'GET', '/__motia/flows', { host: 'my-laptop.lan:3000', origin: EVIL, authorization })).status).toBe(403)
  })
})
