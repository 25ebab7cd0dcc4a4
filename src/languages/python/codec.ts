// The one msgpack configuration of the core side (PROTOCOL.md §3, STYLE "Wire facts").
import { Packr, RESERVE_START_SPACE } from 'msgpackr'
import type { Options } from 'msgpackr'

const options: Options & { skipValues: unknown[] } = {
  // Plain maps, never msgpackr records: Python cannot read records.
  useRecords: false,
  mapsAsObjects: true,
  // Smallest map header, byte-identical to msgpack.packb.
  variableMapSize: true,
  // `{u: undefined}` drops the key, like JSON.stringify; top-level and array undefined become nil.
  skipValues: [undefined],
  encodeUndefinedAsNil: true,
  // Python ints above 2^32 arrive as uint64/int64: decode them as numbers, as JSON would.
  int64AsType: 'number',
}

const packr = new Packr(options)

// Reused for every decode so that decoding a frame inside a larger chunk allocates nothing extra.
const range = { start: 0, end: 0 }

const TWO_32 = 0x1_0000_0000
const MINUS_TWO_31 = -0x8000_0000

/**
 * msgpackr sends every number outside 32 bits as a float64, so `Date.now()` would reach Python as
 * `1732406400000.0`. JSON, which Motia v0.x used, gives Python an `int`: safe integers outside 32 bits
 * therefore go as int64/uint64 (PROTOCOL.md §3). Copy-on-write: a value with no such number is
 * returned as is, without allocating.
 */
export function widenIntegers(value: unknown): unknown {
  if (typeof value === 'number') {
    return (value >= TWO_32 || value < MINUS_TWO_31) && Number.isSafeInteger(value) ? BigInt(value) : value
  }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const widened = widenIntegers(item)
      if (widened !== item) (copy ??= value.slice())[i] = widened
    }
    return copy ?? value
  }
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return value
  let copy: Record<string, unknown> | undefined
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key]
    const widened = widenIntegers(item)
    if (widened !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = widened
  }
  return copy ?? value
}

/** Encodes a value the way the Python side's `msgpack.packb` would. */
export function encode(value: unknown): Uint8Array {
  return packr.pack(widenIntegers(value))
}

/**
 * Encodes a value after `room` unused bytes at the start, so that a frame header can be written in
 * place without copying the body.
 */
export function encodeWithRoom(value: unknown, room: number): Uint8Array {
  return packr.pack(widenIntegers(value), RESERVE_START_SPACE | room)
}

/** Decodes exactly one msgpack value from `bytes[start, end)`; trailing or missing bytes throw. */
export function decode(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
  range.start = start
  range.end = end
  return packr.unpack(bytes as Buffer, range)
}
