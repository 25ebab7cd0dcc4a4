// Length-prefixed frames (PROTOCOL.md §2): a 4-byte big-endian length, then that many bytes.
import { MotiaError } from '../../errors.js'
import { MAX_FRAME_BYTES } from './protocol.js'

export const HEADER_BYTES = 4

/** Called once per complete frame with the frame body at `bytes[start, end)`. */
export type FrameHandler = (bytes: Uint8Array, start: number, end: number) => void

const tooLong = (length: number, max: number) =>
  new MotiaError(
    'E_RUNNER_PROTOCOL',
    `Frame length ${length} exceeds the maximum of ${max} bytes (PROTOCOL.md §2): the channel is corrupt or a value is too large.`,
    { retryable: true },
  )

// Unlike a length read from the peer, this is not a broken channel: the value is too big, and sending
// it again cannot help.
const tooBigToSend = (length: number, max: number) =>
  new MotiaError(
    'E_FRAME_TOO_LARGE',
    `A message of ${length} bytes exceeds the frame limit of ${max} bytes (PROTOCOL.md §2): pass large data by reference (a file path, a URL, a state key) instead.`,
    { retryable: false },
  )

/** Writes the header into the first 4 bytes of `frame`, whose body follows them. */
export function writeFrameHeader(frame: Uint8Array, max = MAX_FRAME_BYTES): void {
  const length = frame.length - HEADER_BYTES
  if (length > max) throw tooBigToSend(length, max)
  frame[0] = length >>> 24
  frame[1] = (length >>> 16) & 0xff
  frame[2] = (length >>> 8) & 0xff
  frame[3] = length & 0xff
}

/** Prefixes a body with its header (a copy; the session encodes with room for the header instead). */
export function frameBytes(body: Uint8Array): Uint8Array {
  const frame = new Uint8Array(HEADER_BYTES + body.length)
  frame.set(body, HEADER_BYTES)
  writeFrameHeader(frame)
  return frame
}

const readLength = (b: Uint8Array, at: number) =>
  b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!)

/**
 * Cuts a byte stream into frames. Chunks may split frames or hold many of them; complete frames are
 * handed over as ranges of the chunk (no copy), and only a frame spread across chunks is joined, once.
 */
export class FrameDecoder {
  readonly #onFrame: FrameHandler
  readonly #max: number
  #parts: Uint8Array[] = []
  #buffered = 0
  // Total bytes (header included) of the frame being collected, or -1 while its header is incomplete.
  #needed = -1

  constructor(onFrame: FrameHandler, max = MAX_FRAME_BYTES) {
    this.#onFrame = onFrame
    this.#max = max
  }

  /** Bytes held back, waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.#buffered
  }

  /** Feeds one chunk; throws a MotiaError (E_RUNNER_PROTOCOL) on a length over the maximum. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return
    if (this.#buffered === 0) return this.#scan(chunk)
    this.#parts.push(chunk)
    this.#buffered += chunk.length
    if (this.#needed < 0 ? this.#buffered < HEADER_BYTES : this.#buffered < this.#needed) return
    const joined = Buffer.concat(this.#parts, this.#buffered)
    this.#parts = []
    this.#buffered = 0
    this.#needed = -1
    this.#scan(joined)
  }

  /** Call at end of stream: an error describing a truncated frame, or undefined when none is pending. */
  end(): MotiaError | undefined {
    if (this.#buffered === 0) return undefined
    const got = this.#buffered
    const expected = this.#needed
    this.#parts = []
    this.#buffered = 0
    this.#needed = -1
    const detail = expected < 0 ? `${got} of the ${HEADER_BYTES} header bytes` : `${got} of ${expected} bytes`
    return new MotiaError('E_RUNNER_PROTOCOL', `Truncated frame: the stream ended after ${detail}.`, {
      retryable: true,
    })
  }

  #scan(bytes: Uint8Array): void {
    let at = 0
    const total = bytes.length
    while (total - at >= HEADER_BYTES) {
      const length = readLength(bytes, at)
      if (length > this.#max) throw tooLong(length, this.#max)
      const end = at + HEADER_BYTES + length
      if (end > total) {
        this.#needed = HEADER_BYTES + length
        break
      }
      this.#onFrame(bytes, at + HEADER_BYTES, end)
      at = end
    }
    if (at === total) return
    this.#parts.push(at === 0 ? bytes : bytes.subarray(at))
    this.#buffered = total - at
  }
}
