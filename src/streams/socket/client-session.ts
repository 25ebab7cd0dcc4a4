// One WebSocket client: its subscriptions, its messages handled one at a time, and what it is sent.
import type { WebSocket } from 'ws'
import type { StreamHub } from '../stream-hub.js'
import {
  ACCESS_DENIED,
  BAD_MESSAGE,
  errorEvent,
  type JoinData,
  type MessageTarget,
  parseClientMessage,
  STREAM_FAILED,
  STREAM_NOT_FOUND,
  serverMessage,
  TOO_MANY_SUBSCRIPTIONS,
  syncEvent,
} from './messages.js'
import { type Rooms, roomOf } from './rooms.js'
import type { SocketLog } from './options.js'

/** What every session of one server shares. */
export interface SessionContext {
  hub: StreamHub
  rooms: Rooms<ClientSession>
  log: SocketLog
  /** Bytes the client may leave unread before it is dropped. */
  bufferLimit: number
  /** Subscriptions one connection may hold at once. */
  maxSubscriptions: number
  /** The next message timestamp: strictly increasing, see `StreamSocketServer`. */
  timestamp(): number
}

// Messages read ahead of the one being handled; past this the socket stops reading, so a client that
// floods joins waits for its answers instead of filling a queue in the server.
const MAX_QUEUED_MESSAGES = 32

export class ClientSession {
  private readonly subscriptions = new Map<string, string>()
  private queue: Promise<void> = Promise.resolve()
  private queued = 0
  private dropped = false
  private answeredPing = true

  constructor(
    private readonly ws: WebSocket,
    /** `host:port` of the client, for log lines. */
    readonly address: string,
    private readonly authContext: unknown,
    private readonly context: SessionContext,
  ) {
    ws.on('message', (payload, isBinary) => this.enqueue(isBinary ? '' : payload.toString()))
    ws.on('close', () => this.leaveAll())
    ws.on('pong', () => {
      this.answeredPing = true
    })
    // Protocol errors (a frame over maxPayload, bad UTF-8): ws closes the socket; this keeps them off the process.
    ws.on('error', (error) => context.log('debug', `Stream client ${address}: ${error.message}`))
  }

  /**
   * Sends one server message, unless the client stopped reading: past `bufferLimit` unread bytes it is
   * dropped, and one warning says so.
   */
  send(text: string, streamName: string | undefined): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    const waiting = this.ws.bufferedAmount
    if (waiting > this.context.bufferLimit) return this.drop(waiting, streamName)
    this.ws.send(text)
  }

  /** Pings the client; one that did not answer the previous ping is gone, and is cut. */
  heartbeat(): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (!this.answeredPing) {
      this.context.log('debug', `Stream client ${this.address} did not answer a ping: connection cut`)
      this.ws.terminate()
      return
    }
    this.answeredPing = false
    this.ws.ping()
  }

  /** Closes with `code`; a client that does not answer the close within `waitMs` is cut. */
  close(code: number, reason: string, waitMs: number): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), waitMs)
      this.ws.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      this.ws.close(code, reason)
    })
  }

  private drop(waiting: number, streamName: string | undefined): void {
    if (this.dropped) return
    this.dropped = true
    const { bufferLimit } = this.context
    this.context.log(
      'warn',
      `Dropped stream client ${this.address}: it stopped reading, and ${waiting} bytes of messages (stream "${streamName}") were waiting for it, over the limit of ${bufferLimit} bytes (--stream-buffer-limit)`,
      { stream: streamName, client: this.address, bufferLimit, buffered: waiting },
    )
    this.ws.terminate()
  }

  // Motia v0.x handles one socket's messages in order: a leave never overtakes its join.
  private enqueue(text: string): void {
    if (++this.queued > MAX_QUEUED_MESSAGES) this.ws.pause()
    this.queue = this.queue
      .then(() => this.handle(text))
      .catch((error: unknown) => this.context.log('error', `Stream client ${this.address}: a message failed: ${(error as Error)?.message ?? error}`))
      .finally(() => {
        if (--this.queued === 0 && this.ws.isPaused) this.ws.resume()
      })
  }

  private async handle(text: string): Promise<void> {
    const message = parseClientMessage(text)
    if ('problem' in message) {
      this.context.log('debug', `Stream client ${this.address}: ${message.problem}`)
      return this.sendError(message.target, BAD_MESSAGE, message.problem)
    }
    if (message.type === 'leave') return this.leave(message.data.subscriptionId)
    return this.join(message.data)
  }

  private async join(data: JoinData): Promise<void> {
    const { hub, rooms, log } = this.context
    const { streamName, groupId, id, subscriptionId } = data
    const target = { streamName, groupId, id }
    const { maxSubscriptions } = this.context
    if (this.subscriptions.size >= maxSubscriptions && !this.subscriptions.has(subscriptionId)) {
      const message = `This connection already holds ${maxSubscriptions} subscriptions, the most it may: leave some first.`
      return this.sendError(target, TOO_MANY_SUBSCRIPTIONS, message)
    }
    if (!hub.has(streamName)) {
      return this.sendError(target, STREAM_NOT_FOUND, `No stream named "${streamName}": declare it in a *.stream.ts, *.stream.js or *_stream.py file.`)
    }
    const subscription = id === undefined ? { groupId } : { groupId, id }
    let allowed: boolean
    try {
      allowed = (await hub.canAccess(streamName, subscription, this.authContext)) !== false
    } catch (error) {
      log('error', `Stream "${streamName}": canAccess threw, so the subscription is denied: ${(error as Error)?.message ?? error}`, { stream: streamName, groupId, id })
      allowed = false
    }
    if (!allowed) return this.sendError(target, ACCESS_DENIED, 'Access denied')
    if (this.ws.readyState !== this.ws.OPEN) return

    // In the room before the read: a change stored meanwhile is either in the sync or sent after it.
    this.leave(subscriptionId)
    const room = roomOf(streamName, subscription)
    rooms.add(room, this)
    this.subscriptions.set(subscriptionId, room)
    let current: unknown
    try {
      current = id === undefined ? (await hub.getGroup(streamName, groupId)).map(withoutMotia) : withoutMotia(await hub.getItem(streamName, groupId, id))
    } catch (error) {
      this.leave(subscriptionId)
      const reason = (error as Error)?.message ?? String(error)
      log('error', `Stream "${streamName}": could not read ${id === undefined ? `group "${groupId}"` : `item "${id}" of group "${groupId}"`} for a client: ${reason}`, target)
      return this.sendError(target, STREAM_FAILED, `Could not read the stream: ${reason}`)
    }
    this.send(serverMessage(this.context.timestamp(), { ...target, event: syncEvent(current) }), streamName)
  }

  private leave(subscriptionId: string): void {
    const room = this.subscriptions.get(subscriptionId)
    if (room === undefined) return
    this.subscriptions.delete(subscriptionId)
    this.context.rooms.remove(room, this)
  }

  private leaveAll(): void {
    for (const subscriptionId of [...this.subscriptions.keys()]) this.leave(subscriptionId)
  }

  private sendError(target: MessageTarget, code: string, message: string): void {
    this.send(serverMessage(this.context.timestamp(), { ...target, event: errorEvent(code, message) }), target.streamName)
  }
}

// Motia v0.x strips its `__motia` marker from what clients get.
function withoutMotia<T>(item: T): T {
  if (item === null || typeof item !== 'object' || !('__motia' in item)) return item
  const { __motia: _, ...rest } = item as Record<string, unknown>
  return rest as T
}
