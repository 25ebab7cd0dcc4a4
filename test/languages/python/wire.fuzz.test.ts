// Property-based tests of the core's end of the wire (PROTOCOL.md §2, §4): whatever bytes a runner
// sends, the decoder and the session either go on or throw a protocol error, never anything else.
import fc from 'fast-check'
import { encode as packValue } from 'msgpackr'
import { describe, expect, it } from 'vitest'
import { MotiaError } from '../../../src/errors.js'
import { encode } from '../../../src/languages/python/codec.js'
import { FrameDecoder, frameBytes } from '../../../src/languages/python/framing.js'
import { MESSAGE_TYPES } from '../../../src/languages/python/protocol.js'
import { Session } from '../../../src/languages/python/session.js'

const MAX = 4096

// Runs `feed`; a throw must be a MotiaError with code E_RUNNER_PROTOCOL.
function protocolErrorOrNothing(feed: () => void): void {
  try {
    feed()
  } catch (error) {
    expect(error).toBeInstanceOf(MotiaError)
    expect((error as MotiaError).code).toBe('E_RUNNER_PROTOCOL')
  }
}

// Cuts `bytes` at the given points, in order.
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const end of [...at, bytes.length]) {
    chunks.push(bytes.subarray(start, end))
    start = end
  }
  return chunks
}

const session = () =>
  new Session(() => {}, {
    onHello: () => {},
    onCall: () => null,
    onNotify: () => {},
  })

// A message-shaped map with fields of any type: what a confused or hostile runner could send.
const messageLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), fc.anything()),
    id: fc.oneof(fc.nat(), fc.anything()),
    method: fc.oneof(fc.constantFrom('emit', 'log', 'state.get', 'nope'), fc.anything()),
    params: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
    result: fc.anything(),
    error: fc.anything(),
  },
  { requiredKeys: [] },
)

describe('FrameDecoder, fuzzed', () => {
  it('gives back exactly the frames sent, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (bodies, points) => {
        const stream = Buffer.concat(bodies.map((body) => frameBytes(body)))
        const got: string[] = []
        const decoder = new FrameDecoder((bytes, start, end) => got.push(Buffer.from(bytes.subarray(start, end)).toString('hex')), MAX)
        for (const chunk of cut(stream, points)) decoder.push(chunk)
        expect(decoder.end()).toBeUndefined()
        expect(got).toEqual(bodies.map((body) => Buffer.from(body).toString('hex')))
      }),
    )
  })

  it('answers random, truncated and oversized input with a protocol error or nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const decoder = new FrameDecoder(() => {}, MAX)
        protocolErrorOrNothing(() => {
          for (const chunk of chunks) decoder.push(chunk)
        })
        const ended = decoder.end()
        if (ended !== undefined) expect(ended.code).toBe('E_RUNNER_PROTOCOL')
      }),
    )
  })

  it('refuses a length over the maximum as soon as the header is complete', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX + 1, max: 0xffffffff }), fc.nat({ max: 3 }), (length, split) => {
        const header = Buffer.alloc(4)
        header.writeUInt32BE(length)
        const decoder = new FrameDecoder(() => {}, MAX)
        decoder.push(header.subarray(0, split))
        expect(() => decoder.push(header.subarray(split))).toThrow(`Frame length ${length} exceeds the maximum of ${MAX} bytes`)
      }),
    )
  })
})

describe('Session, fuzzed', () => {
  it('answers random bytes with a protocol error or nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (chunks) => {
        const s = session()
        protocolErrorOrNothing(() => {
          for (const chunk of chunks) s.feed(chunk)
        })
      }),
    )
  })

  it('answers frames holding any msgpack value with a protocol error or nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), messageLike), { maxLength: 10 }), (values) => {
        const s = session()
        for (const value of values) protocolErrorOrNothing(() => s.feed(frameBytes(packValue(value))))
      }),
    )
  })

  it('answers frames whose body is random bytes with a protocol error or nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (bodies) => {
        const s = session()
        for (const body of bodies) protocolErrorOrNothing(() => s.feed(frameBytes(body)))
      }),
    )
  })

  it('still reads well-formed messages sent with the codec', () => {
    fc.assert(
      fc.property(messageLike, (value) => {
        protocolErrorOrNothing(() => session().feed(frameBytes(encode(value))))
      }),
    )
  })
})
