// Whether the app runs on Redis, and which: `--redis <url>` first, then `MOTIA_REDIS_URL`, then motia.config.ts's `redis` block.
import { MotiaError } from '../errors.js'
import type { MotiaConfig } from '../types.js'

export interface RedisSettings {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string
  /** Prefix of every key motia writes, so several apps can share one Redis (`MOTIA_REDIS_PREFIX`, default `motia`). */
  prefix: string
  /** Where the settings came from, for error messages: `--redis`, `MOTIA_REDIS_URL` or `motia.config.ts`. */
  source: string
}

export const DEFAULT_REDIS_PREFIX = 'motia'

/**
 * The Redis the app runs on, or undefined for the embedded adapters. v0.x's `redis: { useMemoryServer: true }`
 * (its default) means "no Redis of my own" here: the embedded SQLite adapters are the local equivalent.
 */
export function redisSettingsOf(
  config: MotiaConfig | undefined,
  configFile: string | undefined,
  env: NodeJS.ProcessEnv,
  /** `motia run --redis <url>`: wins over the environment and the config. */
  flagUrl?: string,
): RedisSettings | undefined {
  const prefix = env.MOTIA_REDIS_PREFIX || DEFAULT_REDIS_PREFIX
  if (!/^[\w.:-]+$/.test(prefix)) {
    throw new MotiaError('E_BAD_OPTION', `MOTIA_REDIS_PREFIX should be letters, digits and . : _ -, got ${JSON.stringify(prefix)}.`, { retryable: false })
  }
  if (flagUrl) return { url: checkUrl(flagUrl, '--redis'), prefix, source: '--redis' }
  const fromEnv = env.MOTIA_REDIS_URL
  if (fromEnv) return { url: checkUrl(fromEnv, 'MOTIA_REDIS_URL'), prefix, source: 'MOTIA_REDIS_URL' }
  const redis = config?.redis
  if (!redis || redis.useMemoryServer === true || redis.host === undefined) return undefined
  const auth = redis.password !== undefined ? `${encodeURIComponent(redis.username ?? '')}:${encodeURIComponent(redis.password)}@` : ''
  const url = `redis://${auth}${redis.host.includes(':') ? `[${redis.host}]` : redis.host}:${redis.port ?? 6379}/${redis.db ?? 0}`
  return { url, prefix, source: `${configFile ?? 'motia.config.ts'} \`redis\`` }
}

function checkUrl(url: string, source: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new MotiaError('E_BAD_OPTION', `${source} is not a URL: expected redis://[user:password@]host:port[/db], got ${JSON.stringify(url)}.`, { retryable: false })
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new MotiaError('E_BAD_OPTION', `${source} should start with redis:// or rediss://, got ${JSON.stringify(`${parsed.protocol}//`)}.`, { retryable: false })
  }
  const db = parsed.pathname.replace(/^\//, '')
  if (db !== '' && !/^\d+$/.test(db)) {
    throw new MotiaError('E_BAD_OPTION', `${source} names database ${JSON.stringify(db)}: the path should be a database number (redis://host:6379/0).`, { retryable: false })
  }
  return url
}

/** The URL without its password, for log lines. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
