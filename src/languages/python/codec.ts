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

// Node 20+ has both (ES2024); the project's lib setting is ES2023.
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string }
const wellFormed = (text: string) => ((text as WellFormed).isWellFormed() ? text : (text as WellFormed).toWellFormed())

/**
 * What the core sends for `value` (PROTOCOL.md §3). Copy-on-write: a value that needs no change is
 * returned as is, without allocating.
 *
 * - msgpackr sends every number outside 32 bits as a float64, so `Date.now()` would reach Python as
 *   `1732406400000.0`. JSON, which Motia v0.x used, gives Python an `int`: safe integers outside 32 bits
 *   therefore go as int64/uint64.
 * - A string with a lone surrogate (a JS string cut inside an emoji) is not UTF-8. msgpackr writes short
 *   ones as invalid bytes, which the runner cannot decode (it would exit on them), and long ones with
 *   U+FFFD: every such string goes with U+FFFD, keys included.
 */
export function toWireValue(value: unknown): unknown {
  if (typeof value === 'number') {
    return (value >= TWO_32 || value < MINUS_TWO_31) && Number.isSafeInteger(value) ? BigInt(value) : value
  }
  if (typeof value === 'string') return wellFormed(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const changed = toWireValue(item)
      if (changed !== item) (copy ??= value.slice())[i] = changed
    }
    return copy ?? value
  }
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return value
  let copy: Record<string, unknown> | undefined
  let badKey = false
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key]
    const changed = toWireValue(item)
    if (changed !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = changed
    if (wellFormed(key) !== key) badKey = true
  }
  if (badKey) return Object.fromEntries(Object.entries(copy ?? value).map(([key, item]) => [wellFormed(key), item]))
  return copy ?? value
}

/** Encodes a value the way the Python side's `msgpack.packb` would. */
export function encode(value: unknown): Uint8Array {
  if (prototypesPolluted()) return withCleanPrototypes(() => packr.pack(toWireValue(value)))
  return packr.pack(toWireValue(value))
}

/**
 * Encodes a value after `room` unused bytes at the start, so that a frame header can be written in
 * place without copying the body.
 */
export function encodeWithRoom(value: unknown, room: number): Uint8Array {
  if (prototypesPolluted()) return withCleanPrototypes(() => packr.pack(toWireValue(value), RESERVE_START_SPACE | room))
  return packr.pack(toWireValue(value), RESERVE_START_SPACE | room)
}

/** Decodes exactly one msgpack value from `bytes[start, end)`; trailing or missing bytes throw. */
export function decode(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
  range.start = start
  range.end = end
  if (prototypesPolluted()) return withCleanPrototypes(() => packr.unpack(bytes as Buffer, range))
  return packr.unpack(bytes as Buffer, range)
}

// A step in this process may add enumerable properties to Object.prototype or Array.prototype
// (`Object.prototype[0] = 'x'`). msgpackr then reads inherited values through the holes of its own
// arrays (its key cache) and decodes wrong keys, and `for...in` sees inherited keys: every frame would be
// corrupt. Noticing that costs two for-in loops over empty values; only then is the slow path taken.
const EMPTY_OBJECT = {}
const EMPTY_ARRAY: unknown[] = []

/** True when Object.prototype or Array.prototype has an enumerable property of its own. */
export function prototypesPolluted(): boolean {
  for (const _ in EMPTY_OBJECT) return true
  for (const _ in EMPTY_ARRAY) return true
  return false
}

// Sets the added properties aside for one synchronous encode or decode, so that msgpackr and
// toWireValue see own properties only, then puts them back exactly as they were. No other code runs
// in between. A non-configurable one cannot be set aside, and stays.
function withCleanPrototypes<T>(run: () => T): T {
  const saved: [object, string, PropertyDescriptor][] = []
  for (const proto of [Object.prototype, Array.prototype]) {
    for (const key of Object.keys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)
      if (!descriptor?.configurable) continue
      saved.push([proto, key, descriptor])
      Reflect.deleteProperty(proto, key)
    }
  }
  try {
    return run()
  } finally {
    for (const [proto, key, descriptor] of saved) Object.defineProperty(proto, key, descriptor)
  }
}

// For frames `decode` refuses although they are msgpack: maps stay Maps, so any key can be read.
const loose = new Packr({ ...options, mapsAsObjects: false })

/** Decodes with maps as `Map`s (keys of any type); throws only on bytes that are not one msgpack value. */
export function decodeLoose(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
  if (prototypesPolluted()) return withCleanPrototypes(() => loose.unpack(bytes.subarray(start, end) as Buffer))
  return loose.unpack(bytes.subarray(start, end) as Buffer)
}

/** A `decodeLoose` value with its Maps as plain objects, keys as `String(key)` gives them. */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue)
  if (!(value instanceof Map)) return value
  // fromEntries defines a `__proto__` key as an own property, never as the prototype.
  return Object.fromEntries([...value].map(([key, item]) => [String(key), plainValue(item)]))
}
