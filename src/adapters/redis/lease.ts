// The delivery lease of the BullMQ queue: the engine's DELIVERY_LEASE_MS, or MOTIA_REDIS_LEASE_MS (shorter in
// tests, to see a dead node's jobs taken over in seconds; longer where a stalled event loop is expected).
import { MotiaError } from '../../errors.js'

export function leaseMsOf(env: NodeJS.ProcessEnv, fallbackMs: number): number {
  const raw = env.MOTIA_REDIS_LEASE_MS
  if (raw === undefined || raw === '') return fallbackMs
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 100) {
    throw new MotiaError('E_BAD_OPTION', `Expected MOTIA_REDIS_LEASE_MS to be an integer number of milliseconds >= 100, got \`${raw}\`.`, { retryable: false })
  }
  return value
}
