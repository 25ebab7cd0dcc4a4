import { describe, expect, it } from 'vitest'
import { FrameDecoder, frameBytes, writeFrameHeader } from '../../../src/languages/python/framing.js'
import { MotiaError } from '../../../src/errors.js'

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex')

function collect(max?: number) {
  const frames: string[] = []
  const decoder = new FrameDecoder((bytes, start, end) => frames.push(Buffer.from(bytes.subarray(start, end)).toString('hex')), max)
  return { decoder, frames }
}

describe('frameBytes / writeFrameHeader', () => {
  it('prefixes the body with its big-endian length', () => {
    expect(Buffer.from(frameBytes(hex('81 a1 61 64'))).toString('hex')).toBe('00000004' + '81a16164')
  })

  it('writes lengths above 2^24 in all four bytes', () => {
    const frame = new Uint8Array(4 + 0x01020304)
    writeFrameHeader(frame)
    expect([...frame.subarray(0, 4)]).toEqual([0x01, 0x02, 0x03, 0x04])
  })

  it('refuses a body over the maximum as not retryable, naming the fix', () => {
    const error = (() => {
      try {
        writeFrameHeader(new Uint8Array(4 + 11), 10)
      } catch (e) {
        return e as MotiaError
      }
    })()
    expect(error?.message).toBe(
      'A message of 11 bytes exceeds the frame limit of 10 bytes (PROTOCOL.md §2): pass large data by reference (a file path, a URL, a state key) instead.',
    )
    expect(error?.code).toBe('E_FRAME_TOO_LARGE')
    expect(error?.retryable).toBe(false)
  })
})

describe('FrameDecoder', () => {
  it('yields every frame of one chunk (coalesced frames)', () => {
    const { decoder, frames } = collect()
    decoder.push(hex('00000001 c0 00000002 9100 00000000'))
    expect(frames).toEqual(['c0', '9100', ''])
    expect(decoder.bufferedBytes).toBe(0)
  })

  it('joins a frame split across chunks, at every split point', () => {
    const stream = hex('00000003 a2 6869 00000001 2a')
    for (let cut = 1; cut < stream.length; cut++) {
      const { decoder, frames } = collect()
      decoder.push(stream.subarray(0, cut))
      decoder.push(stream.subarray(cut))
      expect(frames, `cut at ${cut}`).toEqual(['a26869', '2a'])
    }
  })

  it('joins a frame fed one byte at a time', () => {
    const { decoder, frames } = collect()
    for (const byte of hex('00000003 a2 6869')) decoder.push(Uint8Array.of(byte))
    expect(frames).toEqual(['a26869'])
  })

  it('collects a large frame from many chunks', () => {
    const body = Buffer.alloc(1 << 20, 7)
    const stream = Buffer.from(frameBytes(body))
    const { decoder, frames } = collect()
    for (let at = 0; at < stream.length; at += 65536) decoder.push(stream.subarray(at, at + 65536))
    expect(frames).toHaveLength(1)
    expect(frames[0]!.length).toBe(body.length * 2)
  })

  it('rejects a length over the maximum as soon as the header is read', () => {
    const { decoder } = collect(10)
    expect(() => decoder.push(hex('0000000b'))).toThrow(MotiaError)
    const { decoder: split } = collect(10)
    split.push(hex('00'))
    expect(() => split.push(hex('00000b'))).toThrow(
      'Frame length 11 exceeds the maximum of 10 bytes (PROTOCOL.md §2): the channel is corrupt or a value is too large.',
    )
  })

  it('rejects a length over 256 MiB by default', () => {
    const { decoder } = collect()
    expect(() => decoder.push(hex('10000001'))).toThrow('Frame length 268435457 exceeds the maximum of 268435456 bytes')
  })

  it('reports a stream that ends inside a frame', () => {
    const { decoder, frames } = collect()
    decoder.push(hex('00000005 0102'))
    expect(frames).toEqual([])
    expect(decoder.end()?.message).toBe('Truncated frame: the stream ended after 6 of 9 bytes.')
    expect(decoder.end()).toBeUndefined()
  })

  it('reports a stream that ends inside a header', () => {
    const { decoder } = collect()
    decoder.push(hex('0000'))
    const error = decoder.end()
    expect(error?.code).toBe('E_RUNNER_PROTOCOL')
    expect(error?.message).toBe('Truncated frame: the stream ended after 2 of the 4 header bytes.')
  })

  it('reports nothing at a clean end', () => {
    const { decoder } = collect()
    decoder.push(hex('00000001 c0'))
    expect(decoder.end()).toBeUndefined()
  })
})
