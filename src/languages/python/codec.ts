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

/** Encodes a value the way the Python side's `msgpack.packb` would. */
export function encode(value: unknown): Uint8Array {
  return packr.pack(value)
}

/**
 * Encodes a value after `room` unused bytes at the start, so that a frame header can be written in
 * place without copying the body.
 */
export function encodeWithRoom(value: unknown, room: number): Uint8Array {
  return packr.pack(value, RESERVE_START_SPACE | room)
}

/** Decodes exactly one msgpack value from `bytes[start, end)`; trailing or missing bytes throw. */
export function decode(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
  range.start = start
  range.end = end
  return packr.unpack(bytes as Buffer, range)
}
