// src/languages/python/line-splitter.ts
import { StringDecoder } from "node:string_decoder";
var MAX_LINE_CHARS = 64 * 1024;
var LineSplitter = class {
  #onLine;
  #decoder = new StringDecoder("utf8");
  #partial = "";
  constructor(onLine) {
    this.#onLine = onLine;
  }
  push(chunk) {
    const text = this.#decoder.write(chunk);
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      const line = this.#partial + text.slice(start, newline);
      this.#partial = "";
      this.#emit(line);
      start = newline + 1;
    }
    this.#partial += text.slice(start);
    while (this.#partial.length >= MAX_LINE_CHARS) {
      const high = this.#partial.charCodeAt(MAX_LINE_CHARS - 1);
      const cut = high >= 55296 && high <= 56319 ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
      const piece = this.#partial.slice(0, cut);
      this.#partial = this.#partial.slice(cut);
      this.#onLine(piece);
    }
  }
  end() {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    if (rest) this.#emit(rest);
  }
  #emit(line) {
    this.#onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  }
};

export {
  LineSplitter
};
