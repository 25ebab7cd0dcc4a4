export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function levelRank(level: LogLevel): number {
  return RANK[level]
}

// Motia v0.x compat: `warning` and `critical` are accepted spellings.
export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  if (!value) return fallback
  const lower = value.toLowerCase()
  if (lower === 'warning') return 'warn'
  if (lower === 'critical') return 'error'
  if ((LOG_LEVELS as readonly string[]).includes(lower)) return lower as LogLevel
  throw new Error(`Expected MOTIA_LOG_LEVEL to be one of ${LOG_LEVELS.join(', ')}, got \`${value}\``)
}
