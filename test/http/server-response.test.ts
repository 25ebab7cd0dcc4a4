import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { handlerTimeout, MotiaError } from '../../src/errors.js'
import { route, serverPerTest } from './helpers.js'

const serve = serverPerTest()

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': '*',
  'access-control-allow-headers': '*',
  'access-control-max-age': '600',
  'access-control-allow-credentials': 'true',
  'access-control-allow-private-network': 'true',
}

function corsOf(response: Response) {
  return Object.fromEntries(Object.keys(CORS).map((name) => [name, response.headers.get(name)]))
}

describe('ApiResponse -> response', () => {
  it('sends a Buffer as bytes with application/octet-stream', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255])
    const { base } = await serve({ routes: [route('GET', '/file', () => ({ status: 200, body: bytes }))] })
    const response = await fetch(`${base}/file`)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes)
  })

  it('sends a Uint8Array as is and keeps a content type the handler set', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71])
    const { base } = await serve({
      routes: [route('GET', '/png', () => ({ status: 200, body: bytes, headers: { 'Content-Type': 'image/png' } }))],
    })
    const response = await fetch(`${base}/png`)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
  })

  it('sends an ArrayBuffer, a DataView or another typed array as its bytes', async () => {
    const backing = new Uint8Array([9, 1, 2, 3, 4, 9]).buffer
    const { base } = await serve({
      routes: [
        route('GET', '/buffer', () => ({ status: 200, body: new Uint8Array([1, 2, 3]).buffer })),
        route('GET', '/view', () => ({ status: 200, body: new DataView(backing, 1, 4) })),
        route('GET', '/int16', () => ({ status: 200, body: new Uint16Array(backing, 2, 2) })),
      ],
    })
    for (const [path, expected] of [
      ['/buffer', [1, 2, 3]],
      ['/view', [1, 2, 3, 4]],
      ['/int16', [2, 3, 4, 9]],
    ] as const) {
      const response = await fetch(`${base}${path}`)
      expect(response.headers.get('content-type'), path).toBe('application/octet-stream')
      expect(response.headers.get('content-length'), path).toBe(String(expected.length))
      expect([...new Uint8Array(await response.arrayBuffer())], path).toEqual(expected)
    }
  })

  it('streams a Node Readable or a web ReadableStream body, with the content type the handler set', async () => {
    const { base } = await serve({
      routes: [
        route('GET', '/node', () => ({ status: 200, body: Readable.from(['one,', 'two,', 'three']), headers: { 'content-type': 'text/csv' } })),
        route('GET', '/web', () => ({
          status: 201,
          body: new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('web '))
              controller.enqueue(new TextEncoder().encode('stream'))
              controller.close()
            },
          }),
        })),
      ],
    })
    const node = await fetch(`${base}/node`)
    expect(node.headers.get('content-type')).toBe('text/csv')
    expect(node.headers.get('transfer-encoding')).toBe('chunked')
    expect(await node.text()).toBe('one,two,three')
    const web = await fetch(`${base}/web`)
    expect(web.status).toBe(201)
    expect(web.headers.get('content-type')).toBe('application/octet-stream')
    expect(await web.text()).toBe('web stream')
  })

  it('does not read a stream body for HEAD or 204, and closes it', async () => {
    const streams: Readable[] = []
    const stream = () => {
      const readable = new Readable({ read() {} })
      streams.push(readable)
      return readable
    }
    const { base } = await serve({
      routes: [route('GET', '/s', () => ({ status: 200, body: stream() })), route('DELETE', '/s', () => ({ status: 204, body: stream() }))],
    })
    const head = await fetch(`${base}/s`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const deleted = await fetch(`${base}/s`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(streams.map((readable) => readable.destroyed)).toEqual([true, true])
  })

  it('cuts the response and logs the error when a stream body fails midway', async () => {
    const { base, nextLog } = await serve({
      routes: [
        route('GET', '/fails', () => ({
          status: 200,
          body: Readable.from(
            (async function* () {
              yield 'first part, '
              throw new Error('disk read failed')
            })(),
          ),
        })),
      ],
    })
    const logged = nextLog()
    const response = await fetch(`${base}/fails`)
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
    expect(await logged).toMatchObject({ level: 'error', message: 'GET /fails: the response body stream failed: disk read failed' })
  })

  it('sends a string as UTF-8 text unless the handler names another type', async () => {
    const { base } = await serve({
      routes: [
        route('GET', '/text', () => ({ status: 200, body: 'héllo ✓' })),
        route('GET', '/html', () => ({ status: 200, body: '<p>hi</p>', headers: { 'content-type': 'text/html' } })),
      ],
    })
    const text = await fetch(`${base}/text`)
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(text.headers.get('content-length')).toBe(String(Buffer.byteLength('héllo ✓')))
    expect(await text.text()).toBe('héllo ✓')
    const html = await fetch(`${base}/html`)
    expect(html.headers.get('content-type')).toBe('text/html')
    expect(await html.text()).toBe('<p>hi</p>')
  })

  it('sends other bodies as JSON, null and numbers included', async () => {
    const { base } = await serve({
      routes: [
        route('GET', '/object', () => ({ status: 200, body: { a: [1, 'two', null] } })),
        route('GET', '/null', () => ({ status: 200, body: null })),
        route('GET', '/number', () => ({ status: 200, body: 42 })),
      ],
    })
    const object = await fetch(`${base}/object`)
    expect(object.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await object.json()).toEqual({ a: [1, 'two', null] })
    expect(await (await fetch(`${base}/null`)).text()).toBe('null')
    expect(await (await fetch(`${base}/number`)).json()).toBe(42)
  })

  it('keeps a custom status such as 202 and applies custom headers, arrays included', async () => {
    const { base } = await serve({
      routes: [
        route('POST', '/jobs', () => ({
          status: 202,
          body: { queued: true },
          headers: { 'X-Job-Id': 'j-1', 'Set-Cookie': ['a=1', 'b=2'], 'Access-Control-Allow-Origin': 'https://example.com' },
        })),
      ],
    })
    const response = await fetch(`${base}/jobs`, { method: 'POST' })
    expect(response.status).toBe(202)
    expect(response.headers.get('x-job-id')).toBe('j-1')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    // A handler's header overrides the CORS default, as res.setHeader after the middleware did in v0.x.
    expect(response.headers.get('access-control-allow-origin')).toBe('https://example.com')
    expect(await response.json()).toEqual({ queued: true })
  })

  it('sends no body for 204, for an undefined body and for HEAD (routed to GET)', async () => {
    const get = route('GET', '/thing', () => ({ status: 200, body: { big: 'x'.repeat(100) } }))
    const { base } = await serve({
      routes: [get, route('DELETE', '/thing', () => ({ status: 204, body: null })), route('POST', '/none', () => ({ status: 200, body: undefined }))],
    })
    const deleted = await fetch(`${base}/thing`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    const none = await fetch(`${base}/none`, { method: 'POST' })
    expect(none.headers.get('content-length')).toBe('0')
    expect(await none.text()).toBe('')
    const head = await fetch(`${base}/thing`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(head.headers.get('content-length')).toBe(String(JSON.stringify({ big: 'x'.repeat(100) }).length))
    expect(await head.text()).toBe('')
    expect(get.seen).toHaveLength(1)
  })

  it('prefers an explicit HEAD route over the GET one', async () => {
    const { base } = await serve({
      routes: [route('GET', '/r', () => ({ status: 200, body: 'get' })), route('HEAD', '/r', () => ({ status: 299, body: undefined }))],
    })
    expect((await fetch(`${base}/r`, { method: 'HEAD' })).status).toBe(299)
  })
})

describe('errors', () => {
  it('answers an unknown path with 404, and a known path with another method with 405 and Allow', async () => {
    const { base } = await serve({ routes: [route('GET', '/users/:id'), route('DELETE', '/users/:id'), route('POST', '/users')] })
    const unknown = await fetch(`${base}/nope?x=1`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'Not Found', method: 'GET', path: '/nope' })
    const wrongMethod = await fetch(`${base}/users/1?x=1`, { method: 'PATCH' })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET, DELETE, OPTIONS, HEAD')
    expect(corsOf(wrongMethod)).toEqual(CORS)
    expect(await wrongMethod.json()).toEqual({
      error: 'Method Not Allowed',
      message: '/users/1 answers GET, DELETE, OPTIONS, HEAD, not PATCH.',
      method: 'PATCH',
      path: '/users/1',
    })
    const noGet = await fetch(`${base}/users`, { method: 'GET' })
    expect(noGet.status).toBe(405)
    expect(noGet.headers.get('allow')).toBe('POST, OPTIONS')
    // HEAD is served where GET is, and is a 405 (without a body) where it is not.
    expect((await fetch(`${base}/users/1`, { method: 'HEAD' })).status).toBe(200)
    const head = await fetch(`${base}/users`, { method: 'HEAD' })
    expect(head.status).toBe(405)
    expect(head.headers.get('allow')).toBe('POST, OPTIONS')
    expect(await head.text()).toBe('')
  })

  it('answers a throwing handler with 500 and no stack, and logs the message and stack', async () => {
    const { base, logs } = await serve({
      routes: [
        route('POST', '/boom', () => {
          throw new Error('database is down')
        }),
      ],
    })
    const response = await fetch(`${base}/boom`, { method: 'POST' })
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('{"error":"Internal server error"}')
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ level: 'error', message: 'POST /boom failed: database is down' })
    expect(logs[0]!.fields).toMatchObject({ method: 'POST', path: '/boom', error: 'database is down' })
    expect(logs[0]!.fields!.stack).toMatch(/Error: database is down\n\s+at /)
  })

  it.each([
    ['nothing', undefined, 'returned no response: expected an object `{ status, body, headers? }`'],
    ['null', null, 'returned no response: expected an object `{ status, body, headers? }`'],
    ['a string', 'ok', 'returned no response: expected an object `{ status, body, headers? }`'],
    ['no status', { body: 'x' }, 'returned a response without a numeric `status`'],
    ['a string status', { status: '200', body: 'x' }, 'returned a response without a numeric `status`'],
    ['status 99', { status: 99, body: 'x' }, 'returned status 99: expected an integer HTTP status from 200 to 599'],
    ['status 200.5', { status: 200.5, body: 'x' }, 'returned status 200.5: expected an integer HTTP status from 200 to 599'],
    ['headers as a string', { status: 200, body: 'x', headers: 'x-a: 1' }, 'returned `headers` that is not an object'],
  ])('answers a handler that returns %s with 500 and an error log naming the problem', async (_name, returned, problem) => {
    const { base, logs } = await serve({ routes: [route('GET', '/bad', () => returned)] })
    const response = await fetch(`${base}/bad`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'Internal server error' })
    expect(logs.map((entry) => [entry.level, entry.message])).toEqual([['error', `GET /bad ${problem}`]])
  })

  it('answers a handler failing on storage with 507 (full) or 503 and retry-after (failed), its code found on the error or its cause', async () => {
    const { base, logs } = await serve({
      routes: [
        route('POST', '/full', () => {
          throw new MotiaError('E_STORAGE_FULL', 'The disk holding .motia/ is full: free some space.')
        }),
        route('POST', '/failed', () => {
          throw new Error('Could not save', { cause: new MotiaError('E_STORAGE_FAILED', 'The write to .motia/motia.db failed: disk I/O error.') })
        }),
      ],
    })
    const full = await fetch(`${base}/full`, { method: 'POST' })
    expect(full.status).toBe(507)
    expect(await full.json()).toEqual({ error: 'Insufficient Storage', message: 'The disk holding .motia/ is full: free some space.', code: 'E_STORAGE_FULL' })
    const failed = await fetch(`${base}/failed`, { method: 'POST' })
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('5')
    expect(await failed.json()).toEqual({ error: 'Service Unavailable', message: 'The write to .motia/motia.db failed: disk I/O error.', code: 'E_STORAGE_FAILED' })
    expect(logs.map((entry) => entry.message)).toEqual(['POST /full failed: The disk holding .motia/ is full: free some space.', 'POST /failed failed: Could not save'])
  })

  it('answers a handler that ran past its deadline with 504 and the timeout message', async () => {
    const { base } = await serve({
      routes: [
        route('POST', '/slow', () => {
          throw handlerTimeout('Summarize', 300)
        }),
      ],
    })
    const slow = await fetch(`${base}/slow`, { method: 'POST' })
    expect(slow.status).toBe(504)
    expect(await slow.json()).toEqual({
      error: 'Gateway Timeout',
      message: 'Step "Summarize" timed out after 300 s. Raise `infrastructure.handler.timeout` or make the handler faster.',
      code: 'E_HANDLER_TIMEOUT',
    })
  })

  it('answers a header value with CRLF with a proper 500 status line, and logs the header it refused', async () => {
    const { base, logs } = await serve({ routes: [route('GET', '/crlf', () => ({ status: 200, body: 'x', headers: { 'x-bad': 'a\r\nSet-Cookie: evil=1' } }))] })
    const { port } = new URL(base)
    const socket = connect(Number(port), '127.0.0.1')
    socket.end('GET /crlf HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    let raw = ''
    for await (const chunk of socket) raw += String(chunk)
    const [statusLine, ...rest] = raw.split('\r\n')
    expect(statusLine).toBe('HTTP/1.1 500 Internal Server Error')
    expect(rest.some((line) => /^set-cookie/i.test(line))).toBe(false)
    expect(raw.endsWith('{"error":"Internal server error"}')).toBe(true)
    expect(logs.map((entry) => [entry.level, entry.message])).toEqual([
      [
        'error',
        'GET /crlf: could not send the response: Invalid character in header content ["x-bad"]: header names and values may not contain line breaks or other control characters',
      ],
    ])
  })

  it('answers 500 when the response cannot be written (a header value with a newline, a BigInt body)', async () => {
    const { base, logs } = await serve({
      routes: [
        route('GET', '/header', () => ({ status: 200, body: 'x', headers: { 'x-ok': 'yes', 'x-bad': 'a\r\nb' } })),
        route('GET', '/bigint', () => ({ status: 200, body: { n: 1n } })),
      ],
    })
    const header = await fetch(`${base}/header`)
    expect(header.status).toBe(500)
    expect(header.headers.get('x-ok')).toBeNull()
    expect(header.headers.get('access-control-allow-origin')).toBe('*')
    expect(await header.json()).toEqual({ error: 'Internal server error' })
    const bigint = await fetch(`${base}/bigint`)
    expect(bigint.status).toBe(500)
    expect(logs.map((entry) => entry.level)).toEqual(['error', 'error'])
    expect(logs[1]!.message).toMatch(/^GET \/bigint: could not send the response: .*BigInt/)
  })
})

describe('CORS', () => {
  it('puts the Motia v0.x CORS headers on success, 404 and 500 responses', async () => {
    const { base } = await serve({
      routes: [
        route('GET', '/ok'),
        route('GET', '/fail', () => {
          throw new Error('x')
        }),
      ],
    })
    for (const path of ['/ok', '/missing', '/fail']) expect(corsOf(await fetch(`${base}${path}`))).toEqual(CORS)
  })

  it('answers OPTIONS with 204 on any path without an OPTIONS route, and lets an OPTIONS route answer itself', async () => {
    const { base } = await serve({ routes: [route('GET', '/ok'), route('OPTIONS', '/custom', () => ({ status: 200, body: 'mine' }))] })
    for (const path of ['/ok', '/anything/at/all']) {
      const response = await fetch(`${base}${path}`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })
      expect(response.status).toBe(204)
      expect(corsOf(response)).toEqual(CORS)
      expect(response.headers.get('allow')).toBe(path === '/ok' ? 'GET, OPTIONS, HEAD' : null)
      expect(await response.text()).toBe('')
    }
    const custom = await fetch(`${base}/custom`, { method: 'OPTIONS' })
    expect(custom.status).toBe(200)
    expect(await custom.text()).toBe('mine')
  })
})
