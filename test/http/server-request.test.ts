import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { route, serverPerTest } from './helpers.js'

const serve = serverPerTest()

describe('request -> ApiRequest', () => {
  it('passes path params, query params (repeated keys as arrays), lower-cased headers and the raw body', async () => {
    const users = route('POST', '/users/:id/posts/:postId')
    const { base } = await serve({ routes: [users] })
    const response = await fetch(`${base}/users/42/posts/a%20b?tag=x&tag=y&q=hello+world&empty=`, {
      method: 'POST',
      headers: { 'X-Custom-Header': 'Value', 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    })
    expect(response.status).toBe(200)
    const [seen] = users.seen
    expect(seen!.pathParams).toEqual({ id: '42', postId: 'a b' })
    expect(seen!.queryParams).toEqual({ tag: ['x', 'y'], q: 'hello world', empty: '' })
    expect(seen!.headers['x-custom-header']).toBe('Value')
    expect(seen!.headers['content-type']).toBe('application/json')
    expect(seen!.rawBody).toBe('{"name":"Ada"}')
    expect(seen!.body).toEqual({ name: 'Ada' })
  })

  it('gives an empty query object, an undefined body and an empty rawBody to a bare GET', async () => {
    const ping = route('GET', '/ping')
    const { base } = await serve({ routes: [ping] })
    await fetch(`${base}/ping`)
    expect(ping.seen[0]!.queryParams).toEqual({})
    expect(ping.seen[0]!.body).toBeUndefined()
    expect(ping.seen[0]!.rawBody).toBe('')
  })

  it('ignores a trailing slash and the letter case of the path, as Express did for Motia v0.x', async () => {
    const { base } = await serve({ routes: [route('GET', '/items/:itemId')] })
    expect(await (await fetch(`${base}/items/7/`)).json()).toMatchObject({ echo: { pathParams: { itemId: '7' } } })
    expect(await (await fetch(`${base}/Items/AbC`)).json()).toMatchObject({ echo: { pathParams: { itemId: 'AbC' } } })
  })

  it.each([
    ['application/json', '[1,2]', [1, 2]],
    ['application/json; charset=utf-8', '{"a":{"b":null}}', { a: { b: null } }],
    ['Application/JSON', '"text"', 'text'],
    ['application/vnd.api+json', '{"data":{"id":"1"}}', { data: { id: '1' } }],
    ['text/plain', 'hello', 'hello'],
    ['text/csv; charset=utf-8', 'a,b\n1,2', 'a,b\n1,2'],
    ['application/x-www-form-urlencoded', 'name=Ada+L&tag=a&tag=b', { name: 'Ada L', tag: ['a', 'b'] }],
    ['application/xml', '<a>1</a>', '<a>1</a>'],
  ])('parses a %s body', async (contentType, text, expected) => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo] })
    await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': contentType }, body: text })
    expect(echo.seen[0]!.body).toEqual(expected)
    expect(echo.seen[0]!.rawBody).toBe(text)
  })

  it('keeps a body without a content type as its raw string', async () => {
    const echo = route('PUT', '/echo')
    const { base } = await serve({ routes: [echo] })
    await fetch(`${base}/echo`, { method: 'PUT', body: new Uint8Array(Buffer.from('{"a":1}')) })
    expect(echo.seen[0]!.body).toBe('{"a":1}')
  })

  it('answers malformed JSON with 400 and never calls the handler', async () => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo] })
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string; message: string }
    expect(body.error).toBe('Invalid JSON body')
    expect(body.message).toMatch(/JSON/)
    expect(echo.seen).toHaveLength(0)
  })
})

describe('prototype pollution', () => {
  it('drops __proto__ and constructor.prototype keys at any depth, escaped or not', async () => {
    const echo = route('POST', '/echo', (request) => {
      // What a careless deep merge in a handler would do with the body.
      const merged = Object.assign({}, request.body)
      const nested = Object.assign({}, (request.body as { nested: object }).nested)
      return { status: 200, body: { merged: (merged as { polluted?: unknown }).polluted, nested: (nested as { polluted?: unknown }).polluted } }
    })
    const { base } = await serve({ routes: [echo] })
    const text =
      '{"__proto__":{"polluted":1},"keep":1,"nested":{"\\u005f_proto__":{"polluted":2},"list":[{"constructor":{"prototype":{"polluted":3}}}],' +
      '"constructor":"a string is harmless"}}'
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
    expect(await response.json()).toEqual({})
    const body = echo.seen[0]!.body as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['keep', 'nested'])
    expect(body.nested).toEqual({ list: [{}], constructor: 'a string is harmless' })
    expect(Object.hasOwn(body.nested as object, '__proto__')).toBe(false)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(echo.seen[0]!.rawBody).toBe(text)
  })

  it('drops a __proto__ key from query strings, plain or percent-encoded, so merging them cannot set a prototype', async () => {
    const echo = route('GET', '/q', (request) => {
      const merged = Object.assign({}, request.queryParams) as { polluted?: unknown }
      return { status: 200, body: { polluted: merged.polluted ?? null, keys: Object.keys(request.queryParams) } }
    })
    const { base } = await serve({ routes: [echo] })
    for (const query of ['__proto__[polluted]=x&__proto__=y&a=1', '%5F%5Fproto%5F%5F=y&a=1']) {
      const response = await fetch(`${base}/q?${query}`)
      expect(await response.json()).toEqual({ polluted: null, keys: query.startsWith('__proto__[') ? ['__proto__[polluted]', 'a'] : ['a'] })
    }
    const query = echo.seen[0]!.queryParams
    expect(Object.hasOwn(query, '__proto__')).toBe(false)
    expect(query.a).toBe('1')
  })

  it('drops a __proto__ key from urlencoded bodies', async () => {
    const echo = route('POST', '/form', (request) => {
      const merged = Object.assign({}, request.body) as { polluted?: unknown }
      return { status: 200, body: { polluted: merged.polluted ?? null } }
    })
    const { base } = await serve({ routes: [echo] })
    const response = await fetch(`${base}/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '__proto__=x&%5F%5Fproto%5F%5F=y&name=Ada',
    })
    expect(await response.json()).toEqual({ polluted: null })
    const body = echo.seen[0]!.body as Record<string, unknown>
    expect(Object.hasOwn(body, '__proto__')).toBe(false)
    expect({ ...body }).toEqual({ name: 'Ada' })
  })
})

describe('JSON limits', () => {
  it.each([
    ['{"n":1e400}', '/n', 'Infinity'],
    ['{"items":[{"price":1},{"price":-1E+999}]}', '/items/1/price', '-Infinity'],
    [`{"a/b":{"~":1${'0'.repeat(400)}}}`, '/a~1b/~0', 'Infinity'],
  ])('answers a number that does not fit a double (%s) with 400 naming its path, before the handler', async (text, path, value) => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo] })
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'Invalid JSON body',
      message: `The number at \`${path}\` that does not fit a 64-bit float (it parses to ${value}): send numbers between -1.7e308 and 1.7e308, or send this one as a string.`,
      path,
    })
    expect(echo.seen).toHaveLength(0)
  })

  it('accepts 256 levels of nesting and answers 257 with 400, before the handler', async () => {
    const echo = route('POST', '/echo', () => ({ status: 204, body: undefined }))
    const { base } = await serve({ routes: [echo] })
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}[]${'}'.repeat(depth - 1)}`
    const post = (body: string) => fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect((await post(nested(256))).status).toBe(204)
    const deep = await post(nested(257))
    expect(deep.status).toBe(400)
    expect(await deep.json()).toEqual({
      error: 'Invalid JSON body',
      message: 'The JSON body nests arrays and objects deeper than 256 levels: send a flatter body.',
      path: '/a'.repeat(256),
    })
    const veryDeep = await post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    expect(veryDeep.status).toBe(400)
    expect(echo.seen).toHaveLength(1)
  })
})

describe('body limit', () => {
  const big = (bytes: number) => 'x'.repeat(bytes)

  it('accepts a body of exactly the default 1 MiB and refuses one byte more with 413', async () => {
    const echo = route('POST', '/echo', (request) => ({ status: 200, body: { length: request.rawBody.length } }))
    const { base } = await serve({ routes: [echo] })
    const fits = await fetch(`${base}/echo`, { method: 'POST', body: big(1024 * 1024) })
    expect(await fits.json()).toEqual({ length: 1024 * 1024 })
    const tooBig = await fetch(`${base}/echo`, { method: 'POST', body: big(1024 * 1024 + 1) })
    expect(tooBig.status).toBe(413)
    expect(tooBig.headers.get('connection')).toBe('close')
    expect(tooBig.headers.get('access-control-allow-origin')).toBe('*')
    expect(await tooBig.json()).toEqual({ error: 'Payload too large', limit: 1024 * 1024 })
    expect(echo.seen).toHaveLength(1)
  })

  it('uses a configured limit, for declared and for chunked bodies', async () => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo], bodyLimit: 10 })
    const declared = await fetch(`${base}/echo`, { method: 'POST', body: big(11) })
    expect(declared.status).toBe(413)
    expect(await declared.json()).toEqual({ error: 'Payload too large', limit: 10 })

    const chunks = [big(6), big(6)].map((text) => new TextEncoder().encode(text))
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      },
    })
    const chunked = await fetch(`${base}/echo`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(echo.seen).toHaveLength(0)
    const fits = await fetch(`${base}/echo`, { method: 'POST', body: big(10) })
    expect(fits.status).toBe(200)
  })

  it('answers 413 from the declared length alone, without waiting for the body', async () => {
    const { base } = await serve({ routes: [route('POST', '/echo')] })
    const { port } = new URL(base)
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/echo', headers: { 'content-length': String(1e10) } })
      request.on('response', (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ status: response.statusCode, body }))
      })
      request.on('error', reject)
      request.write('only a few bytes of the ten gigabytes announced')
    })
    expect(answer).toEqual({ status: 413, body: '{"error":"Payload too large","limit":1048576}' })
  })

  it('drops a request whose client goes away mid-body, without calling the handler, and keeps serving', async () => {
    const echo = route('POST', '/echo')
    const { base, nextLog } = await serve({ routes: [echo] })
    const logged = nextLog()
    const request = httpRequest(`${base}/echo`, { method: 'POST', headers: { 'content-length': '100' } })
    request.on('error', () => {})
    request.write('ten bytes.', () => request.destroy())
    expect(await logged).toEqual({ level: 'debug', message: 'POST /echo: The client closed the connection before the request body ended', fields: undefined })
    expect(echo.seen).toHaveLength(0)
    expect((await fetch(`${base}/echo`, { method: 'POST', body: 'next' })).status).toBe(200)
  })
})

/** Writes `text` on a fresh connection and resolves with everything the server sent until it closed. */
function rawExchange(base: string, text: string): Promise<string> {
  const { port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    let received = ''
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
    socket.write(text)
  })
}

describe('Expect: 100-continue', () => {
  it('answers 413 at once, without 100 Continue, when the declared body is over the limit', async () => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo], bodyLimit: 10 })
    const received = await rawExchange(base, 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n')
    expect(received).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/)
    expect(received).not.toContain('100 Continue')
    expect(received).toContain('connection: close')
    expect(received.endsWith('{"error":"Payload too large","limit":10}')).toBe(true)
    expect(echo.seen).toHaveLength(0)
  })

  it('sends 100 Continue for a body within the limit, then serves the request', async () => {
    const echo = route('POST', '/echo', (request) => ({ status: 200, body: request.body }))
    const { base } = await serve({ routes: [echo], bodyLimit: 10 })
    const { port } = new URL(base)
    const answer = await new Promise<{ continued: boolean; status?: number; body: string }>((resolve, reject) => {
      let continued = false
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/echo',
        headers: { expect: '100-continue', 'content-type': 'application/json', 'content-length': '7' },
      })
      request.on('continue', () => {
        continued = true
        request.end('{"a":1}')
      })
      request.on('response', (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ continued, status: response.statusCode, body }))
      })
      request.on('error', reject)
    })
    expect(answer).toEqual({ continued: true, status: 200, body: '{"a":1}' })
  })
})

describe('Content-Encoding', () => {
  it('answers 415 naming the encoding to a compressed body, and never calls the handler', async () => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo] })
    for (const encoding of ['gzip', 'br', 'GZIP, identity']) {
      const response = await fetch(`${base}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: gzipSync('{"a":1}'),
      })
      expect(response.status).toBe(415)
      expect(await response.json()).toEqual({
        error: 'Unsupported Content-Encoding',
        message: `Request bodies are read uncompressed; send this one without \`Content-Encoding: ${encoding}\`.`,
      })
    }
    expect(echo.seen).toHaveLength(0)
  })

  it('reads a body marked `Content-Encoding: identity` as it is', async () => {
    const echo = route('POST', '/echo')
    const { base } = await serve({ routes: [echo] })
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'Identity' }, body: '{"a":1}' })
    expect(response.status).toBe(200)
    expect(echo.seen[0]!.body).toEqual({ a: 1 })
  })
})
