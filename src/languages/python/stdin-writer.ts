// Frames to one runner's stdin: batched per event-loop turn, and held in the core while the pipe is
// full (PROTOCOL.md §2): a runner that reads slowly makes frames wait here, not pile up in the stream.
import type { Writable } from 'node:stream'

// One write carries at most this much (plus one frame): enough to batch thousands of small calls,
// small enough that the stream's own buffer stays near its high-water mark.
const BATCH_BYTES = 1024 * 1024

export class StdinWriter {
  #stream: Writable | undefined
  #queue: Uint8Array[] = []
  #queuedBytes = 0
  #scheduled = false
  #blocked = false
  #closed = false

  attach(stream: Writable): void {
    this.#stream = stream
  }

  /** Bytes waiting in the core for the pipe to take them. */
  get queuedBytes(): number {
    return this.#queuedBytes
  }

  /** Bytes handed to the stream and not yet taken by the pipe. */
  get streamBytes(): number {
    return this.#stream?.writableLength ?? 0
  }

  write(frame: Uint8Array): void {
    if (this.#closed) return
    this.#queue.push(frame)
    this.#queuedBytes += frame.length
    if (this.#scheduled || this.#blocked) return
    this.#scheduled = true
    setImmediate(this.flush)
  }

  /** Writes what is queued now, until the pipe says it is full; 'drain' resumes. */
  flush = (): void => {
    this.#scheduled = false
    const stream = this.#stream
    if (this.#closed || this.#blocked || stream === undefined || !stream.writable) return
    while (this.#queue.length > 0) {
      let batch = this.#queue
      let bytes = this.#queuedBytes
      if (bytes <= BATCH_BYTES) this.#queue = []
      else {
        let count = 0
        bytes = 0
        while (count < this.#queue.length && bytes < BATCH_BYTES) bytes += this.#queue[count++]!.length
        batch = this.#queue.splice(0, count)
      }
      this.#queuedBytes -= bytes
      if (!stream.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch, bytes))) {
        this.#blocked = true
        stream.once('drain', () => {
          this.#blocked = false
          this.flush()
        })
        return
      }
    }
  }

  /** Drops what is queued: the runner is gone. */
  close(): void {
    this.#closed = true
    this.#queue = []
    this.#queuedBytes = 0
  }
}
