import { randomBytes } from 'node:crypto'

// A random 32-bit prefix and a counter: unique in the process, random across processes, and one string
// concatenation per span (random bytes per span showed in the tracing overhead).
let prefix = ''
let counter = 0x1_0000_0000

/** 16 lower-case hex digits, as OpenTelemetry's span ids. */
export function newSpanId(): string {
  if (counter >= 0x1_0000_0000) {
    prefix = randomBytes(4).toString('hex')
    counter = 0
  }
  return prefix + (counter++).toString(16).padStart(8, '0')
}
