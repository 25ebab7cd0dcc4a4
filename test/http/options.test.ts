import { describe, expect, it } from 'vitest'
import { HttpServer, type HttpServerOptions } from '../../src/http/index.js'
import { MotiaError } from '../../src/errors.js'

const valid: HttpServerOptions = { host: '127.0.0.1', port: 0, routes: [], adminAccess: { open: false }, log: () => {} }
const handle = async () => ({ status: 200, body: null })

function refusal(options: unknown): unknown {
  try {
    new HttpServer(options as HttpServerOptions)
  } catch (error) {
    return error
  }
  throw new Error('the options were accepted')
}

describe('HttpServer options', () => {
  it.each([
    [{ host: '' }, 'Expected the `host` option to be a non-empty string, got `""` (string)'],
    [{ port: -1 }, 'Expected the `port` option to be an integer from 0 to 65535, got `-1` (number)'],
    [{ port: Number.NaN }, 'Expected the `port` option to be an integer from 0 to 65535, got `NaN` (number)'],
    [{ bodyLimit: Infinity }, 'Expected the `bodyLimit` option to be a positive integer (bytes), got `Infinity` (number)'],
    [{ port: '3000' }, 'Expected the `port` option to be an integer from 0 to 65535, got `"3000"` (string)'],
    [{ bodyLimit: 0 }, 'Expected the `bodyLimit` option to be a positive integer (bytes), got `0` (number)'],
    [{ bodyLimit: 1.5 }, 'Expected the `bodyLimit` option to be a positive integer (bytes), got `1.5` (number)'],
    [{ adminAccess: undefined }, 'Expected the `adminAccess` option to be an object `{ open: boolean, token?: string }`, got `undefined` (undefined)'],
    [{ adminAccess: { open: 'yes' } }, 'Expected the `adminAccess` option to be an object `{ open: boolean, token?: string }`, got `{"open":"yes"}` (object)'],
    [{ adminAccess: { open: false, token: 42 } }, 'Expected the `adminAccess.token` option to be a string, got `42` (number)'],
    [{ log: 'console' }, 'Expected the `log` option to be a function, got `"console"` (string)'],
    [{ routes: {} }, 'Expected the `routes` option to be an array of routes, got `{}` (object)'],
    [{ routes: [null] }, 'Expected the `routes[0]` option to be a route `{ method, path, handle }`, got `null` (null)'],
    [
      { routes: [{ method: 'get', path: '/a', handle }] },
      'Expected the `routes[0].method` option to be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD, got `"get"` (string)',
    ],
    [{ routes: [{ method: 'GET', path: 'a', handle }] }, 'Expected the `routes[0].path` option to be a string starting with "/", got `"a"` (string)'],
    [{ routes: [{ method: 'GET', path: '/a' }] }, 'Expected the `routes[0].handle` option to be a function, got `undefined` (undefined)'],
    [{ pluginRoutes: [{ method: 'GET', path: '/a', handle: 1 }] }, 'Expected the `pluginRoutes[0].handle` option to be a function, got `1` (number)'],
    [{ onUpgrade: 'ws' }, 'Expected the `onUpgrade` option to be a function, got `"ws"` (string)'],
  ])('refuses %j with a message naming the option', (override, message) => {
    const error = refusal({ ...valid, ...override })
    expect(error).toBeInstanceOf(MotiaError)
    expect(error).toMatchObject({ code: 'E_BAD_OPTION', message })
  })

  it('refuses two routes with the same method and path, plugin and admin routes included', () => {
    const twice = refusal({ ...valid, routes: [{ method: 'GET', path: '/users/:id', handle }, { method: 'GET', path: '/users/:id', handle }] })
    expect(twice).toMatchObject({
      code: 'E_BAD_OPTION',
      message: 'Two routes answer GET /users/:id: give each API step its own method and path.',
    })
    const shadowsAdmin = refusal({ ...valid, pluginRoutes: [{ method: 'GET', path: '/__motia/health', handle }] })
    expect(shadowsAdmin).toMatchObject({ message: 'Two routes answer GET /__motia/health: give each API step its own method and path.' })
  })

  it('accepts the same path under different methods', () => {
    expect(
      () => new HttpServer({ ...valid, routes: [{ method: 'GET', path: '/a', handle }, { method: 'POST', path: '/a', handle }] }),
    ).not.toThrow()
  })
})
