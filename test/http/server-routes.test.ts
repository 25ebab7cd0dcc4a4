// `motia dev` swaps the app's routes while the server runs: a new router in one step, or none on a clash.
import { describe, expect, it } from 'vitest'
import type { HttpRoute } from '../../src/http/index.js'
import { startServer } from './helpers.js'

const route = (method: HttpRoute['method'], path: string, body: unknown): HttpRoute => ({ method, path, handle: async () => ({ status: 200, body }) })

describe('HttpServer.setRoutes', () => {
  it('serves the new routes at once: changed, added and removed ones', async () => {
    const test = await startServer({ routes: [route('GET', '/a', 'a1'), route('GET', '/gone', 'gone')] })
    try {
      test.server.setRoutes([route('GET', '/a', 'a2'), route('POST', '/b', 'b')])
      expect(await (await fetch(`${test.base}/a`)).text()).toBe('a2')
      expect(await (await fetch(`${test.base}/b`, { method: 'POST' })).text()).toBe('b')
      expect((await fetch(`${test.base}/gone`)).status).toBe(404)
    } finally {
      await test.close()
    }
  })

  it('refuses routes that clash, and keeps serving the previous ones', async () => {
    const test = await startServer({ routes: [route('GET', '/a', 'a1')] })
    try {
      expect(() => test.server.setRoutes([route('GET', '/x', 'x'), route('GET', '/x', 'again')])).toThrow(
        'Two routes answer GET /x: give each API step its own method and path.',
      )
      expect(await (await fetch(`${test.base}/a`)).text()).toBe('a1')
      expect((await fetch(`${test.base}/x`)).status).toBe(404)
    } finally {
      await test.close()
    }
  })
})
