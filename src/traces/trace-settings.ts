import { MotiaError } from '../errors.js'
import { DEFAULT_TRACE_BOUNDS, type TraceBounds } from './trace-store.js'

export interface TraceSettings {
  enabled: boolean
  bounds: TraceBounds
}

const badEnv = (name: string, expected: string, value: string) =>
  new MotiaError('E_BAD_OPTION', `Environment variable ${name}: expected ${expected}, got \`${value}\`. Fix it or unset it (the default is used then).`, {
    retryable: false,
  })

/**
 * Tracing settings from the environment: `MOTIA_TRACING=off` records nothing; `MOTIA_TRACE_LIMIT` (traces
 * kept, default 1000) and `MOTIA_TRACE_MAX_AGE_HOURS` (default 24) bound the store. Empty counts as unset.
 */
export function traceSettings(env: NodeJS.ProcessEnv): TraceSettings {
  const tracing = env.MOTIA_TRACING?.trim().toLowerCase()
  if (tracing && !['on', 'off', '1', '0', 'true', 'false'].includes(tracing)) throw badEnv('MOTIA_TRACING', '`on` or `off`', env.MOTIA_TRACING!)
  const enabled = !tracing || ['on', '1', 'true'].includes(tracing)
  const limit = env.MOTIA_TRACE_LIMIT
  const maxTraces = limit ? Number(limit) : DEFAULT_TRACE_BOUNDS.maxTraces
  if (!Number.isSafeInteger(maxTraces) || maxTraces < 1) throw badEnv('MOTIA_TRACE_LIMIT', 'an integer >= 1 (traces kept)', limit!)
  const hours = env.MOTIA_TRACE_MAX_AGE_HOURS
  const maxAgeHours = hours ? Number(hours) : DEFAULT_TRACE_BOUNDS.maxAgeMs / 3600_000
  if (!Number.isFinite(maxAgeHours) || maxAgeHours <= 0) throw badEnv('MOTIA_TRACE_MAX_AGE_HOURS', 'a number of hours > 0', hours!)
  return { enabled, bounds: { ...DEFAULT_TRACE_BOUNDS, maxTraces, maxAgeMs: maxAgeHours * 3600_000 } }
}
