// Lines motia prints about motia.config.ts options it accepts but does not act on (yet).
import type { LoadedConfig } from './load-config.js'

export function configNotices({ config, fileName, unknownKeys }: LoadedConfig): string[] {
  const notices: string[] = []
  const adapters = Object.keys(config.adapters ?? {}).filter((key) => (config.adapters as Record<string, unknown>)[key] !== undefined)
  const external = [...(config.redis ? ['redis'] : []), ...adapters.map((key) => `adapters.${key}`)]
  if (external.length > 0) {
    notices.push(`${fileName} sets ${external.join(', ')}: not used by this version of motia yet (Redis support comes later); the embedded adapters run instead`)
  }
  if (config.app !== undefined) notices.push(`${fileName} sets \`app\`: not supported by this version of motia, ignored`)
  if (unknownKeys.length > 0) notices.push(`${fileName} has keys motia does not know, ignored: ${unknownKeys.join(', ')}`)
  return notices
}
