import { describe, expect, it } from 'vitest'
import { redisSettingsOf } from '../../src/config/redis-settings.js'

describe('redisSettingsOf: which Redis the app runs on', () => {
  const config = { redis: { useMemoryServer: false, host: 'cache.internal', port: 6380, password: 'p@ss', db: 2 } }

  it('takes --redis first, then MOTIA_REDIS_URL, then motia.config.ts `redis`', () => {
    const env = { MOTIA_REDIS_URL: 'redis://from-env:6379' }
    expect(redisSettingsOf(config, 'motia.config.ts', env, 'redis://from-flag:6379')).toEqual({ url: 'redis://from-flag:6379', prefix: 'motia', source: '--redis' })
    expect(redisSettingsOf(config, 'motia.config.ts', env)).toEqual({ url: 'redis://from-env:6379', prefix: 'motia', source: 'MOTIA_REDIS_URL' })
    expect(redisSettingsOf(config, 'motia.config.ts', {})).toEqual({ url: 'redis://:p%40ss@cache.internal:6380/2', prefix: 'motia', source: 'motia.config.ts `redis`' })
  })

  it('runs embedded with no settings, or v0.x\'s useMemoryServer', () => {
    expect(redisSettingsOf(undefined, undefined, {})).toBeUndefined()
    expect(redisSettingsOf({ redis: { useMemoryServer: true, host: 'x' } }, 'motia.config.ts', {})).toBeUndefined()
  })

  it('refuses a --redis that is not a Redis URL, naming the flag', () => {
    expect(() => redisSettingsOf(undefined, undefined, {}, 'http://cache:6379')).toThrow('--redis should start with redis:// or rediss://, got "http://".')
  })
})
