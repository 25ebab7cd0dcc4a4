// Each row of STYLE.md "Wire facts", checked against the codec the core uses.
import { describe, expect, it } from 'vitest'
import { decode, decodeLoose, encode, encodeWithRoom, plainValue, prototypesPolluted, toWireValue } from '../../../src/languages/python/codec.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytes = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex')

describe('codec', () => {
  it('writes maps with the smallest header, never records', () => {
    expect(hex(encode({ a: 100 }))).toBe('81a16164')
  })

  it('drops undefined map values like JSON.stringify', () => {
    expect(hex(encode({ u: undefined, a: 1 }))).toBe('81a16101')
  })

  it('writes top-level and array undefined as nil', () => {
    expect(hex(encode(undefined))).toBe('c0')
    expect(hex(encode([undefined, 1]))).toBe('92c001')
  })

  it('widens JS safe integers outside 32 bits to int64, so Python gets an int as with JSON', () => {
    expect(hex(encode(1732406400000))).toBe('d3000001935b77d400')
    expect(hex(encode(-1732406400000))).toBe('d3fffffe6ca4882c00')
    expect(hex(encode({ at: [4294967296] }))).toBe('81a2617491d30000000100000000')
  })

  it('keeps fractions, 32-bit integers and unsafe integers as msgpackr writes them', () => {
    expect(hex(encode(1732406400000.5))).toBe('cb427935b77d400800')
    expect(hex(encode(4294967295))).toBe('ceffffffff')
    expect(hex(encode(2 ** 60))).toBe('cb43b0000000000000')
  })

  it('widens without touching the caller\'s objects, and returns untouched values as they are', () => {
    const data = { at: 1732406400000, nested: [{ n: 1732406400000 }] }
    encode(data)
    expect(data).toEqual({ at: 1732406400000, nested: [{ n: 1732406400000 }] })
    const plain = { a: 1, b: ['x'] }
    expect(toWireValue(plain)).toBe(plain)
  })

  it('writes a lone surrogate as U+FFFD (valid UTF-8), whatever the string length, keys included', () => {
    const cut = '😀'.slice(0, 1)
    expect(hex(encode(cut))).toBe('a3efbfbd')
    expect(hex(encode('x'.repeat(100) + cut))).toBe(hex(encode(`${'x'.repeat(100)}\ufffd`)))
    expect(decode(encode({ [`k${cut}`]: [`a${cut}b`], pair: '😀' }))).toEqual({ 'k\ufffd': ['a\ufffdb'], pair: '😀' })
    const key = { [cut]: 1 }
    encode(key)
    expect(Object.keys(key)).toEqual([cut])
  })

  it('reads uint64 and int64 as numbers, not bigints', () => {
    expect(decode(bytes('cf 00 00 01 93 5b 77 d4 00'))).toBe(1732406400000)
    expect(decode(bytes('d3 ff ff fe 6c a4 88 2c 00'))).toBe(-1732406400000)
  })

  it('reads maps with integer keys as objects with string keys (responseSchema {200: ...})', () => {
    expect(decode(bytes('81 cc c8 a2 6f 6b'))).toEqual({ 200: 'ok' })
  })

  it('never lets a __proto__ key reach a prototype', () => {
    const value = decode(encode({ ['__proto__']: { polluted: true } })) as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('decodes a range of a larger buffer and refuses trailing bytes', () => {
    const buffer = bytes('ff 81 a1 61 01 ff')
    expect(decode(buffer, 1, 5)).toEqual({ a: 1 })
    expect(() => decode(buffer, 1, 6)).toThrow()
    expect(() => decode(buffer, 1, 4)).toThrow()
  })

  it('leaves room before the body for a frame header', () => {
    const framed = encodeWithRoom({ a: 1 }, 4)
    expect(hex(framed.subarray(4))).toBe('81a16101')
  })

  describe('with a polluted Object.prototype (a step wrote `Object.prototype[0] = ...`)', () => {
    // 180 bytes and more: msgpackr's key-cache path, which reads an inherited index property through its holes.
    const value = { s0: '', ...Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`key${n}`, `value ${n}`])), big: 1732406400000 }
    const proto = Object.prototype as Record<string, unknown>

    // Synchronous, and restored before anything else runs: vitest itself must not see the pollution.
    function polluted<T>(run: () => T): T {
      proto[0] = 'x'
      proto.polluted = 1732406400000
      try {
        return run()
      } finally {
        delete proto[0]
        delete proto.polluted
      }
    }

    it('notices it, and only then', () => {
      expect(prototypesPolluted()).toBe(false)
      expect(polluted(() => prototypesPolluted())).toBe(true)
    })

    it('decodes and encodes from own properties only, and leaves the prototype as it found it', () => {
      const frame = encode(value)
      expect(frame.length).toBeGreaterThan(180)
      const [decoded, loose, encoded, roomy, after] = polluted(() => [
        decode(frame),
        plainValue(decodeLoose(frame)),
        hex(encode(value)),
        hex(encodeWithRoom(value, 4).subarray(4)),
        [proto[0], proto.polluted],
      ])
      expect(decoded).toEqual(value)
      expect(loose).toEqual(value)
      expect(encoded).toBe(hex(frame))
      expect(roomy).toBe(hex(frame))
      expect(after).toEqual(['x', 1732406400000])
    })
  })
})
