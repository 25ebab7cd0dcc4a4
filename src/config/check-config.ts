// The shape of motia.config.ts's default export, checked once at start: every problem in one error.
import { MotiaError } from '../errors.js'
import { describeValue } from '../schema/describe-value.js'
import type { MotiaConfig } from '../types.js'

const KNOWN_KEYS = new Set(['plugins', 'adapters', 'redis', 'compat', 'app', 'streamAuth'])
const ADAPTER_KEYS = new Set(['state', 'streams', 'events', 'cron'])
const UNDECLARED_EMITS = ['error', 'warn']

type Check = (value: unknown) => string | undefined
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)
const expect = (ok: (value: unknown) => boolean, what: string): Check => (value) => (ok(value) ? undefined : `should be ${what}, got ${describeValue(value)}`)

const REDIS: Record<string, Check> = {
  useMemoryServer: expect((v) => typeof v === 'boolean', 'true or false'),
  host: expect((v) => typeof v === 'string' && v !== '', 'a host name'),
  port: expect((v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536, 'a port number (1-65535)'),
  password: expect((v) => typeof v === 'string', 'a string'),
  username: expect((v) => typeof v === 'string', 'a string'),
  db: expect((v) => Number.isInteger(v) && (v as number) >= 0, 'a database number (0 or more)'),
}

/** Returns the config with its unknown keys listed; throws E_BAD_OPTION listing every problem. */
export function checkConfig(value: unknown, fileName: string): { config: MotiaConfig; unknownKeys: string[] } {
  if (!isObject(value)) {
    throw new MotiaError('E_BAD_OPTION', `${fileName}: its default export should be the config object (\`export default config({ ... })\`), got ${describeValue(value)}`, {
      retryable: false,
    })
  }
  const problems: string[] = []
  const at = (key: string, problem: string | undefined): void => {
    if (problem) problems.push(`\`${key}\` ${problem}`)
  }
  const { plugins, adapters, redis, compat, streamAuth } = value
  if (plugins !== undefined) {
    if (!Array.isArray(plugins)) at('plugins', `should be an array of plugin functions, got ${describeValue(plugins)}`)
    else for (const [index, plugin] of plugins.entries()) at(`plugins[${index}]`, expect((v) => typeof v === 'function', 'a plugin function `(motia) => ({ ... })`')(plugin))
  }
  if (adapters !== undefined) {
    if (!isObject(adapters)) at('adapters', `should be an object { state?, streams?, events?, cron? }, got ${describeValue(adapters)}`)
    else {
      for (const [key, adapter] of Object.entries(adapters)) {
        if (!ADAPTER_KEYS.has(key)) at(`adapters.${key}`, `is not an adapter motia knows (state, streams, events, cron)`)
        else at(`adapters.${key}`, expect((v) => v === undefined || isObject(v), 'an adapter object')(adapter))
      }
    }
  }
  if (redis !== undefined) {
    if (!isObject(redis)) at('redis', `should be an object { host, port, ... }, got ${describeValue(redis)}`)
    else {
      for (const [key, field] of Object.entries(redis)) {
        const check = REDIS[key]
        if (!check) at(`redis.${key}`, `is not a Redis option (${Object.keys(REDIS).join(', ')})`)
        else if (field !== undefined) at(`redis.${key}`, check(field))
      }
    }
  }
  if (compat !== undefined) {
    if (!isObject(compat)) at('compat', `should be an object { undeclaredEmits? }, got ${describeValue(compat)}`)
    else {
      for (const [key, field] of Object.entries(compat)) {
        if (key !== 'undeclaredEmits') at(`compat.${key}`, 'is not a compat switch (undeclaredEmits)')
        else if (field !== undefined) at('compat.undeclaredEmits', expect((v) => UNDECLARED_EMITS.includes(v as string), '"error" or "warn"')(field))
      }
    }
  }
  if (streamAuth !== undefined) {
    if (!isObject(streamAuth)) at('streamAuth', `should be an object { authenticate(request), contextSchema? }, got ${describeValue(streamAuth)}`)
    else at('streamAuth.authenticate', expect((v) => typeof v === 'function', 'a function `(request: { headers, url }) => authContext`')(streamAuth.authenticate))
  }
  if (problems.length > 0) {
    throw new MotiaError('E_BAD_OPTION', `${fileName}:${problems.length === 1 ? ` ${problems[0]}` : `\n  ${problems.join('\n  ')}`}`, { retryable: false })
  }
  return { config: value as MotiaConfig, unknownKeys: Object.keys(value).filter((key) => !KNOWN_KEYS.has(key)) }
}
