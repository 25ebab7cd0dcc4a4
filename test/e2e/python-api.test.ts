import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

describe('Python API and cron steps with Python middleware', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('python-api'), { command: 'dev' })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const put = (sku: string, body: unknown, headers: Record<string, string> = { 'x-api-key': 'k1' }) =>
    fetch(`${app.url}/items/${sku}?q=search`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

  it('serves a Python API step behind Python middleware, with path and query params, and emits to TypeScript', async () => {
    const response = await put('sku-1', { name: 'lamp', price: 12.5 })
    expect(response.status).toBe(201)
    expect(response.headers.get('x-checked')).toBe('yes')
    const traceId = response.headers.get('x-trace')
    expect(traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(await response.json()).toEqual({ sku: 'sku-1', name: 'lamp', price: 12.5, caller: 'trusted', q: 'search' })
    const seen = await app.waitForLine((l) => l.step === 'ItemCreated' && l.msg === 'seen in TypeScript')
    expect(seen).toMatchObject({ sku: 'sku-1', traceId })
  })

  it('lets the middleware answer early', async () => {
    const response = await put('sku-2', { name: 'lamp', price: 1 }, {})
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'missing api key' })
  })

  it('validates the body against a pydantic bodySchema before Python runs', async () => {
    const response = await put('sku-3', { name: 'lamp', price: 'cheap' })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { issues: { path: string; message: string }[] }
    expect(body.issues).toEqual([{ path: '/price', message: 'must be number' }])
  })

  it('returns Python bytes as a binary body', async () => {
    const response = await fetch(`${app.url}/bytes`)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255])
  })

  // Found by schemathesis: a POST without a body was a 500 (KeyError: 'body') in a handler reading req["body"].
  it('gives a Python handler req["body"] as None when the request has no body', async () => {
    const empty = await fetch(`${app.url}/echo`, { method: 'POST' })
    expect(empty.status).toBe(200)
    expect(await empty.json()).toEqual({ body: null, rawBody: '' })
    const sent = await fetch(`${app.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await sent.json()).toEqual({ body: { a: 1 }, rawBody: '{"a":1}' })
  })

  it('runs a Python cron step every second with its own traceId', async () => {
    const tick = await app.waitForLine((l) => l.step === 'CountItems' && l.msg === 'item count')
    expect(tick.trace).toBe(tick.traceId)
    expect(typeof tick.count).toBe('number')
  })
})
