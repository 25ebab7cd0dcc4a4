// Lines motia prints about motia.config.ts options it accepts but does not act on.
import type { LoadedConfig } from './load-config.js'
import type { RedisSettings } from './redis-settings.js'

/** `redis`: the Redis the app runs on (from redisSettingsOf), so that a `redis` block that names none is told apart. */
export function configNotices({ config, fileName, unknownKeys }: LoadedConfig, redis?: RedisSettings): string[] {
  const notices: string[] = []
  const adapters = Object.keys(config.adapters ?? {}).filter((key) => (config.adapters as Record<string, unknown>)[key] !== undefined)
  if (adapters.length > 0) {
    const names = adapters.map((key) => `adapters.${key}`).join(', ')
    notices.push(
      `${fileName} sets ${names}: adapter instances (@motiadev/adapter-* packages) are not used by motia. To run on Redis, set \`redis: { host, port }\` in ${fileName} or MOTIA_REDIS_URL instead`,
    )
  }
  // v0.x's `useMemoryServer: true` means "no Redis of my own": the embedded adapters are that, quietly.
  if (config.redis && config.redis.useMemoryServer !== true && config.redis.host === undefined && !redis) {
    notices.push(`${fileName} sets \`redis\` without a \`host\`: the embedded adapters run. Set \`redis.host\` (or MOTIA_REDIS_URL) to run on Redis`)
  }
  if (config.app !== undefined) notices.push(`${fileName} sets \`app\`: not supported by this version of motia, ignored`)
  if (unknownKeys.length > 0) notices.push(`${fileName} has keys motia does not know, ignored: ${unknownKeys.join(', ')}`)
  return notices
}
