// Turns a byte stream into text lines (stderr of a runner), keeping a partial last line until it ends.
import { StringDecoder } from 'node:string_decoder'

/**
 * A line longer than this is passed on in pieces of this many characters: a runner that writes
 * megabytes without a newline (`os.write(2, data)`) must not make the core hold and rescan all of it.
 * The runner's `sys.stdout` cuts its lines at the same length.
 */
export const MAX_LINE_CHARS = 64 * 1024

export class LineSplitter {
  readonly #onLine: (line: string) => void
  readonly #decoder = new StringDecoder('utf8')
  #partial = ''

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine
  }

  push(chunk: Uint8Array): void {
    const text = this.#decoder.write(chunk as Buffer)
    // Only the new text is searched: the held partial line has no newline.
    let start = 0
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const line = this.#partial + text.slice(start, newline)
      this.#partial = ''
      this.#emit(line)
      start = newline + 1
    }
    this.#partial += text.slice(start)
    while (this.#partial.length >= MAX_LINE_CHARS) {
      // Never cut between the two halves of a surrogate pair.
      const high = this.#partial.charCodeAt(MAX_LINE_CHARS - 1)
      const cut = high >= 0xd800 && high <= 0xdbff ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS
      const piece = this.#partial.slice(0, cut)
      this.#partial = this.#partial.slice(cut)
      this.#onLine(piece)
    }
  }

  end(): void {
    const rest = this.#partial + this.#decoder.end()
    this.#partial = ''
    if (rest) this.#emit(rest)
  }

  #emit(line: string): void {
    this.#onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
  }
}
