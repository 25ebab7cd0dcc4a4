import { randomBytes } from 'node:crypto'

// Random bytes are drawn 4 KiB at a time: one system call per 512 span ids, not one per span.
const POOL_BYTES = 4096
let pool = randomBytes(POOL_BYTES)
let offset = 0

/** 16 lower-case hex digits (64 random bits, as OpenTelemetry's span ids). */
export function newSpanId(): string {
  if (offset + 8 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES)
    offset = 0
  }
  const id = pool.toString('hex', offset, offset + 8)
  offset += 8
  return id
}
