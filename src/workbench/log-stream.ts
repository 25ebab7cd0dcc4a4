// `GET /__motia/logs/stream`: the live logs as Server-Sent Events, one `id: <seq>` + `data: <json>` per
// record. A client that does not read (a background tab, a stalled network) must not grow the process:
// past `bufferLimit` bytes waiting for it, it is cut, and EventSource reconnects from its Last-Event-ID.
import { Readable } from 'node:stream'
import type { LogQuery, LogRing } from './log-ring.js'

/** Most bytes held for one slow client before it is dropped. */
export const DEFAULT_STREAM_BUFFER_LIMIT = 1024 * 1024
// A comment line now and then, so that proxies and the browser keep an idle stream open.
const KEEP_ALIVE_MS = 15_000

export interface LogStreamOptions {
  bufferLimit?: number
  /** Told when a slow client is dropped (the app logs it at debug). */
  onDrop?: (message: string) => void
}

/** Open log streams, ended together when the app shuts down (an endless response would hold close() for its whole grace). */
export class LogStreams {
  private readonly open = new Set<Readable>()

  constructor(
    private readonly ring: LogRing,
    private readonly options: LogStreamOptions = {},
  ) {}

  /** A stream of the records after `query.after` (the backlog first), then every new one matching `query`. */
  stream(query: LogQuery): Readable {
    const limit = this.options.bufferLimit ?? DEFAULT_STREAM_BUFFER_LIMIT
    const stream = new Readable({ read() {} })
    const send = (text: string) => {
      if (stream.destroyed) return
      stream.push(text)
      if (stream.readableLength <= limit) return
      this.options.onDrop?.(`A live-log client read too slowly (over ${limit} bytes waiting): it was disconnected and will reconnect`)
      stream.destroy()
    }
    const sendRecord = (seq: number) => {
      const json = this.ring.jsonIf(seq, query)
      if (json !== undefined) send(`id: ${seq}\ndata: ${json}\n\n`)
    }
    // `retry`: how soon EventSource reconnects after a drop.
    send('retry: 1000\n\n')
    if (query.after !== undefined) {
      for (let seq = Math.max(this.ring.resumeAfter(query.after) + 1, this.ring.firstSeq); seq <= this.ring.lastSeq; seq++) sendRecord(seq)
    }
    const stop = this.ring.onRecord(sendRecord)
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS).unref()
    this.open.add(stream)
    stream.once('close', () => {
      stop()
      clearInterval(keepAlive)
      this.open.delete(stream)
    })
    return stream
  }

  /** Ends every open stream: the clients see the end of the response, and the server can close. */
  close(): void {
    for (const stream of this.open) stream.push(null)
  }
}
