import { afterEach, describe, expect, it } from 'vitest'
import { HttpServer } from '../../src/http/index.js'
import { MotiaError } from '../../src/errors.js'
import { deferred, route, startServer, type TestServer } from './helpers.js'

let current: TestServer | undefined
afterEach(async () => {
  await current?.close()
  current = undefined
})

describe('HttpServer lifecycle', () => {
  it('reports the port it chose and refuses a second start', async () => {
    current = await startServer()
    const { address } = current.server
    expect(address?.host).toBe('127.0.0.1')
    expect(address?.port).toBeGreaterThan(0)
    expect(current.base).toBe(`http://127.0.0.1:${address?.port}`)
    await expect(current.server.start()).rejects.toThrow('HttpServer.start() was called twice: create a new HttpServer instead')
  })

  it('has no address before start, and closing an unstarted server does nothing', async () => {
    const server = new HttpServer({ host: '127.0.0.1', port: 0, routes: [], adminAccess: { open: false }, log: () => {} })
    expect(server.address).toBeUndefined()
    await server.close()
  })

  it('names the fix when the port is taken', async () => {
    current = await startServer()
    const port = current.server.address!.port
    const second = new HttpServer({ host: '127.0.0.1', port, routes: [], adminAccess: { open: false }, log: () => {} })
    const error = await second.start().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MotiaError)
    expect(error).toMatchObject({
      code: 'E_PORT_IN_USE',
      message: `Port ${port} on 127.0.0.1 is already in use: stop the other server or choose another port (--port or PORT).`,
    })
    expect(second.address).toBeUndefined()
  })

  it('on close, stops accepting, lets an in-flight request finish, then resolves', async () => {
    const started = deferred()
    const release = deferred()
    const slow = route('GET', '/slow', async () => {
      started.resolve()
      await release.promise
      return { status: 200, body: { done: true } }
    })
    current = await startServer({ routes: [slow, route('GET', '/fast')] })
    const { base, server } = current

    const inFlight = fetch(`${base}/slow`)
    await started.promise
    let closed = false
    const closing = server.close(60_000).then(() => (closed = true))

    await expect(fetch(`${base}/fast`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } })
    expect(closed).toBe(false)

    release.resolve()
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({ done: true })
    await closing
    expect(closed).toBe(true)
    await expect(server.close()).resolves.toBeUndefined()
  })

  it('destroys the sockets of requests still running when the grace period ends', async () => {
    const started = deferred()
    const never = deferred()
    const hanging = route('GET', '/hang', async () => {
      started.resolve()
      await never.promise
      return { status: 200, body: 'too late' }
    })
    current = await startServer({ routes: [hanging] })
    const inFlight = fetch(`${current.base}/hang`)
    await started.promise
    await current.server.close(20)
    await expect(inFlight).rejects.toThrow('fetch failed')
    // The handler finishing afterwards writes nothing and throws nothing.
    never.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(current.logs).toEqual([])
  })
})
