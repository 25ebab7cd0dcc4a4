import { createHash } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The OTel trace id (32 lower-case hex digits, not all zero) of a Motia trace id: a UUID keeps its
 * digits, so both ids read alike; any other id (Motia v0.x's `K7M2Q-1733...`) is hashed, the same id
 * always giving the same trace.
 */
export function otelTraceId(motiaTraceId: string): string {
  if (UUID.test(motiaTraceId)) {
    const digits = motiaTraceId.replaceAll('-', '').toLowerCase()
    if (!/^0+$/.test(digits)) return digits
  }
  return createHash('sha256').update(motiaTraceId).digest('hex').slice(0, 32)
}
