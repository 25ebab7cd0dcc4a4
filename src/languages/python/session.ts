// Ids, the pending map and message routing (PROTOCOL.md §4). Either side may call the other.
import { MotiaError, RemoteError, toWireError } from '../../errors.js'
import type { WireError } from '../../errors.js'
import { decode, decodeLoose, encodeWithRoom, plainValue } from './codec.js'
import { FrameDecoder, HEADER_BYTES, writeFrameHeader } from './framing.js'
import type { HelloMessage, Message, Params } from './protocol.js'

/** What the session does with the peer's messages. `onCall` may return a value or a promise. */
export interface SessionHandler {
  onHello(message: HelloMessage): void
  onCall(method: string, params: Params): unknown
  onNotify(method: string, params: Params): void
}

interface Pending {
  method: string
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

const protocolError = (detail: string) =>
  new MotiaError('E_RUNNER_PROTOCOL', `Protocol error: ${detail} (see runners/python/PROTOCOL.md §4).`)

/** Rebuilds a wire error defensively: a peer may omit fields. */
export function readWireError(raw: unknown): WireError {
  const e = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<WireError>
  return {
    type: typeof e.type === 'string' ? e.type : 'Error',
    message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
    traceback: typeof e.traceback === 'string' ? e.traceback : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
    retryable: typeof e.retryable === 'boolean' ? e.retryable : true,
  }
}

/**
 * One end of the channel. Bytes go out through `send` (one complete frame per call) and come in
 * through `feed` (any chunking), so tests can connect it to anything that carries bytes.
 */
export class Session {
  readonly #send: (frame: Uint8Array) => void
  readonly #handler: SessionHandler
  readonly #decoder: FrameDecoder
  readonly #pending = new Map<number, Pending>()
  #nextId = 1

  constructor(send: (frame: Uint8Array) => void, handler: SessionHandler) {
    this.#send = send
    this.#handler = handler
    this.#decoder = new FrameDecoder((bytes, start, end) => this.#onFrame(bytes, start, end))
  }

  /** Calls still waiting for their answer. */
  get pendingCount(): number {
    return this.#pending.size
  }

  /** Feeds bytes from the peer. Throws a MotiaError (E_RUNNER_PROTOCOL) when the stream is corrupt. */
  feed(chunk: Uint8Array): void {
    this.#decoder.push(chunk)
  }

  /** The peer's stream ended: an error if it ended inside a frame. */
  end(): MotiaError | undefined {
    return this.#decoder.end()
  }

  /** Sends a call; `resolve`/`reject` get its answer. Returns the call id (for `cancel`). */
  request(method: string, params: Params, resolve: (value: unknown) => void, reject: (error: Error) => void): number {
    const id = this.#nextId++
    this.#pending.set(id, { method, resolve, reject })
    try {
      this.sendMessage({ type: 'call', id, method, params })
    } catch (error) {
      this.#pending.delete(id)
      reject(error as Error)
    }
    return id
  }

  call(method: string, params: Params): Promise<unknown> {
    return new Promise((resolve, reject) => this.request(method, params, resolve, reject))
  }

  notify(method: string, params: Params): void {
    this.sendMessage({ type: 'notify', method, params })
  }

  /** Encodes and sends any message; throws if the value cannot be encoded. */
  sendMessage(message: Message): void {
    const frame = encodeWithRoom(message, HEADER_BYTES)
    writeFrameHeader(frame)
    this.#send(frame)
  }

  /** Rejects every pending call, e.g. when the peer died. */
  failAll(makeError: (id: number, method: string) => Error): void {
    const pending = [...this.#pending]
    this.#pending.clear()
    for (const [id, p] of pending) p.reject(makeError(id, p.method))
  }

  #onFrame(bytes: Uint8Array, start: number, end: number): void {
    let message: unknown
    try {
      message = decode(bytes, start, end)
    } catch (error) {
      return this.#unreadable(bytes, start, end, error as Error)
    }
    this.#receive(message)
  }

  // msgpack that is no JS value: a map key that is a list or bytes (a Python tuple or bytes key).
  // The frame itself is sound, so only the message it carries fails (PROTOCOL.md §3); a frame that
  // is not msgpack at all still throws.
  #unreadable(bytes: Uint8Array, start: number, end: number, error: Error): void {
    let loose: unknown
    try {
      loose = decodeLoose(bytes, start, end)
    } catch {
      throw protocolError(`a frame is not one msgpack value (${error.message})`)
    }
    const field = (name: string) => (loose instanceof Map ? loose.get(name) : undefined)
    const type = field('type')
    const id = field('id')
    if (type === 'notify') return this.#receive(plainValue(loose))
    if (typeof id !== 'number' || !['result', 'error', 'call'].includes(type as string)) throw error
    const key = oddKey(loose)
    const wire: WireError = {
      type: 'TypeError',
      message: key
        ? `cannot send a dict key of type ${key} to the core: keys must be str, int, float, bool or None, as in JSON`
        : `cannot send this value to the core: ${error.message}`,
      traceback: undefined,
      code: 'E_HANDLER_FAILED',
      retryable: false,
    }
    if (type === 'call') return this.#reply(id, new RemoteError(wire), true)
    const pending = this.#pending.get(id)
    if (pending === undefined) return
    this.#pending.delete(id)
    pending.reject(new RemoteError(wire))
  }

  #receive(raw: unknown): void {
    if (raw === null || typeof raw !== 'object') throw protocolError(`a frame decoded to ${typeof raw}, not a map`)
    const message = raw as Message
    switch (message.type) {
      case 'result':
      case 'error': {
        const pending = this.#pending.get(message.id)
        // A late answer to a call already failed (e.g. by failAll) has nobody waiting.
        if (pending === undefined) return
        this.#pending.delete(message.id)
        if (message.type === 'result') pending.resolve(message.result)
        else pending.reject(new RemoteError(readWireError(message.error)))
        return
      }
      case 'call':
        return this.#answer(message.id, message.method, message.params ?? {})
      case 'notify':
        return this.#handler.onNotify(message.method, message.params ?? {})
      case 'hello':
        return this.#handler.onHello(message)
      default:
        throw protocolError(`unknown message type ${JSON.stringify((message as { type: unknown }).type)}`)
    }
  }

  #answer(id: number, method: string, params: Params): void {
    let result: unknown
    try {
      result = this.#handler.onCall(method, params)
    } catch (error) {
      return this.#reply(id, error, true)
    }
    if (result instanceof Promise) {
      result.then(
        (value) => this.#reply(id, value, false),
        (error) => this.#reply(id, error, true),
      )
    } else this.#reply(id, result, false)
  }

  #reply(id: number, value: unknown, failed: boolean): void {
    if (!failed) {
      try {
        return this.sendMessage({ type: 'result', id, result: value ?? null })
      } catch (error) {
        value = error
      }
    }
    const wire = toWireError(value)
    // Every field present, nil when empty (PROTOCOL.md §5). A JS stack stays in the core: only a
    // traceback that itself came over a wire is passed on.
    const traceback = (value as { wire?: WireError } | null)?.wire?.traceback ?? null
    const error = { type: wire.type, message: wire.message, traceback, code: wire.code ?? null, retryable: wire.retryable }
    this.sendMessage({ type: 'error', id, error: error as WireError })
  }
}

// The Python type of the first map key that is not a string, number, boolean or nil.
function oddKey(value: unknown): string | undefined {
  const items = value instanceof Map ? [...value] : Array.isArray(value) ? value.map((item) => [null, item]) : []
  for (const [key, item] of items as [unknown, unknown][]) {
    if (key !== null && typeof key === 'object') return Array.isArray(key) ? 'tuple' : key instanceof Uint8Array ? 'bytes' : 'dict'
    const inner = oddKey(item)
    if (inner) return inner
  }
  return undefined
}
