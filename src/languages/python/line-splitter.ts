// Turns a byte stream into text lines (stderr of a runner), keeping a partial last line until it ends.
import { StringDecoder } from 'node:string_decoder'

export class LineSplitter {
  readonly #onLine: (line: string) => void
  readonly #decoder = new StringDecoder('utf8')
  #partial = ''

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine
  }

  push(chunk: Uint8Array): void {
    const text = this.#partial + this.#decoder.write(chunk as Buffer)
    const lines = text.split('\n')
    this.#partial = lines.pop()!
    for (const line of lines) this.#emit(line)
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
