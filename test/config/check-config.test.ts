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
