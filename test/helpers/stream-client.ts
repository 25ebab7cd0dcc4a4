// Clients of the stream WebSocket for tests: the real published `@motiadev/stream-client-node`, and a
// raw `ws` socket for frames the real client never sends. Both record every server message.
import { Stream, type StreamSubscription } from '@motiadev/stream-client-node'
import { WebSocket } from 'ws'

/** A server message as it arrived: `{ timestamp, streamName, groupId, id?, event }`. */
export interface ServerMessage {
  timestamp: number
  streamName?: string
  groupId?: string
  id?: string
  event: { type: string; data?: unknown; event?: { type: string; data: unknown } }
}

export interface MessageLog {
  /** Every message received so far, parsed, in order. */
  readonly messages: ServerMessage[]
  /** The same messages as the bytes arrived (key order included). */
  readonly raw: string[]
  /** Resolves with the first message (already received or to come) matching; rejects after `timeoutMs`. */
  waitFor(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>
  /** Records one raw message. */
  add(text: string): void
}

/** Collects what a client receives; `add` is called with each raw message. */
export function collectStreamMessages(): MessageLog {
  const messages: ServerMessage[] = []
  const raw: string[] = []
  const waiters = new Set<() => void>()
  return {
    messages,
    raw,
    add(text) {
      raw.push(text)
      messages.push(JSON.parse(text) as ServerMessage)
      for (const wake of waiters) wake()
    },
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find(match)
          if (found === undefined) return false
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`No matching stream message within ${timeoutMs} ms; received:\n${messages.map((m) => JSON.stringify(m)).join('\n')}`))
        }, timeoutMs)
        if (!check()) waiters.add(check)
      })
    },
  }
}

// The parts of the real client's internals a test needs: its socket adapter, recreated on reconnect.
interface ClientInternals {
  ws: { ws: WebSocket; onMessage(callback: (message: string) => void): void }
  createSocket(): ClientInternals['ws']
}

export interface StreamClient extends MessageLog {
  stream: Stream
  /** Closes the client for good: it does not reconnect after this. */
  close(): void
}

/**
 * The real `@motiadev/stream-client-node` on `url`, recording what it receives. It reconnects after 2 s
 * when the server closes it, as in production; socket errors (a refused reconnect) are kept out of the
 * test process, where the client itself would let them crash it.
 */
export function openStreamClient(url: string, options: { protocols?: string[] } = {}): StreamClient {
  const log = collectStreamMessages()
  let closed = false
  const watch = (adapter: ClientInternals['ws']): ClientInternals['ws'] => {
    adapter.ws.on('error', () => {})
    adapter.onMessage((text) => log.add(text))
    return adapter
  }
  const stream = new Stream(url, options)
  const internals = stream as unknown as ClientInternals
  watch(internals.ws)
  const createSocket = internals.createSocket.bind(stream)
  internals.createSocket = () => (closed ? internals.ws : watch(createSocket()))
  return {
    ...log,
    stream,
    close() {
      closed = true
      stream.close()
    },
  }
}

/** Resolves with the subscription's state once `match` accepts it (now or after a change). */
export function waitForState<T>(subscription: StreamSubscription, match: (state: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (state: unknown): void => {
      if (!match(state as T)) return
      subscription.removeChangeListener(listener)
      clearTimeout(timer)
      resolve(state as T)
    }
    const timer = setTimeout(() => {
      subscription.removeChangeListener(listener)
      reject(new Error(`The subscription's state never matched within ${timeoutMs} ms; last: ${JSON.stringify(subscription.getState())}`))
    }, timeoutMs)
    subscription.addChangeListener(listener)
    listener(subscription.getState())
  })
}

export interface RawSocket extends MessageLog {
  ws: WebSocket
  /** Sends a frame as is (any text), or a value as JSON. */
  send(frame: string | object): void
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>
}

/** A plain `ws` client, opened: for frames and behaviours the real client never produces. */
export async function openRawSocket(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<RawSocket> {
  const log = collectStreamMessages()
  const ws = new WebSocket(url, options.protocols, { headers: options.headers })
  ws.on('message', (data) => log.add(data.toString()))
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  ws.on('error', () => {})
  return { ...log, ws, closed, send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) }
}

/** What an upgrade the server refused answered: its status and body. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => {
      ws.terminate()
      reject(new Error('The upgrade was accepted'))
    })
    ws.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    ws.on('error', () => {})
  })
}
