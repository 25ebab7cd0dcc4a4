import { describe, expect, it } from 'vitest'
import { checkConfig } from '../../src/config/check-config.js'
import { configNotices } from '../../src/config/config-notices.js'

describe('streamAuth in motia.config.ts', () => {
  it('is accepted with authenticate, and contextSchema of any kind (v0.x used it for types only); no notice says it is ignored', () => {
    const authenticate = () => ({ userId: 'ada' })
    const checked = checkConfig({ streamAuth: { authenticate, contextSchema: { type: 'object' } } }, 'motia.config.ts')
    expect(checked.config.streamAuth?.authenticate).toBe(authenticate)
    expect(configNotices({ ...checked, fileName: 'motia.config.ts' })).toEqual([])
  })

  it('is refused when it is not an object, or its authenticate is not a function, with the fix in the message', () => {
    expect(() => checkConfig({ streamAuth: true }, 'motia.config.ts')).toThrow(
      'motia.config.ts: `streamAuth` should be an object { authenticate(request), contextSchema? }, got the boolean true',
    )
    expect(() => checkConfig({ streamAuth: { contextSchema: {} } }, 'motia.config.ts')).toThrow(
      'motia.config.ts: `streamAuth.authenticate` should be a function `(request: { headers, url }) => authContext`, got undefined',
    )
  })

  it('still says that `app` (the Express hook) is ignored', () => {
    const checked = checkConfig({ app: () => {} }, 'motia.config.ts')
    expect(configNotices({ ...checked, fileName: 'motia.config.ts' })).toEqual(['motia.config.ts sets `app`: not supported by this version of motia, ignored'])
  })
})

describe('notices about Redis and v0.x adapters in motia.config.ts', () => {
  const notices = (config: Record<string, unknown>, redis?: { url: string; prefix: string; source: string }) =>
    configNotices({ ...checkConfig(config, 'motia.config.ts'), fileName: 'motia.config.ts' }, redis)
  const used = { url: 'redis://127.0.0.1:6390/0', prefix: 'motia', source: 'motia.config.ts `redis`' }

  it('says nothing about a `redis` block the app runs on, nor about v0.x\'s useMemoryServer (the embedded adapters are its equivalent)', () => {
    expect(notices({ redis: { host: '127.0.0.1', port: 6390 } }, used)).toEqual([])
    expect(notices({ redis: { useMemoryServer: true } })).toEqual([])
  })

  it('tells how to run on Redis when `redis` names no host, unless MOTIA_REDIS_URL gave one', () => {
    expect(notices({ redis: { useMemoryServer: false } })).toEqual([
      'motia.config.ts sets `redis` without a `host`: the embedded adapters run. Set `redis.host` (or MOTIA_REDIS_URL) to run on Redis',
    ])
    expect(notices({ redis: { useMemoryServer: false } }, { ...used, source: 'MOTIA_REDIS_URL' })).toEqual([])
  })

  it('says in one line that adapter instances are not used, and to set `redis` or MOTIA_REDIS_URL instead', () => {
    expect(notices({ adapters: { events: {}, state: {} } }, used)).toEqual([
      'motia.config.ts sets adapters.events, adapters.state: adapter instances (@motiadev/adapter-* packages) are not used by motia. To run on Redis, set `redis: { host, port }` in motia.config.ts or MOTIA_REDIS_URL instead',
    ])
  })
})
