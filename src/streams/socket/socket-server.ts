import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { StreamAuthRequest } from '../../types.js'
import type { StreamChange } from '../stream-hub.js'
import { ClientSession, type SessionContext } from './client-session.js'
import { serverMessage } from './messages.js'
import { checkSocketOptions, type SocketLog, type StreamSocketOptions } from './options.js'
import { Rooms, roomOf } from './rooms.js'
import { authenticateUpgrade, peerAddress, refuseUpgrade } from './upgrade.js'

// Client messages are joins and leaves, well under 1 KiB: a larger frame closes the socket (1009).
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024
// How long a closing client may take to answer the close frame before it is cut.
const CLOSE_ANSWER_MS = 1_000
const GOING_AWAY = 1001

/**
 * Motia v0.x's stream WebSocket (reference §2.7), on the app's HTTP server, on any path: clients join
 * and leave items and groups, get one `sync` per join, then every change to what they joined.
 *
 * @example
 * const sockets = new StreamSocketServer({ hub, authenticate: config.streamAuth?.authenticate, log })
 * httpServer.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head))
 * await sockets.close(5_000)
 */
export class StreamSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES })
  private readonly sessions = new Set<ClientSession>()
  private readonly context: SessionContext
  private readonly authenticate?: (request: StreamAuthRequest) => unknown
  private readonly authenticateTimeoutMs: number
  private readonly log: SocketLog
  private readonly stopListening: () => void
  private readonly heartbeat: NodeJS.Timeout
  private lastTimestamp = 0
  private closing?: Promise<void>

  constructor(options: StreamSocketOptions) {
    const { hub, authenticate, bufferLimit, maxSubscriptions, pingIntervalMs, authenticateTimeoutMs, log } = checkSocketOptions(options)
    this.authenticate = authenticate
    this.authenticateTimeoutMs = authenticateTimeoutMs
    this.log = log
    this.context = { hub, rooms: new Rooms<ClientSession>(), log, bufferLimit, maxSubscriptions, timestamp: () => this.timestamp() }
    this.stopListening = hub.onChange((change) => this.push(change))
    // A peer that vanished without closing (a dropped network) would otherwise hold its session forever.
    this.heartbeat = setInterval(() => {
      for (const session of this.sessions) session.heartbeat()
    }, pingIntervalMs).unref()
  }

  /** Takes an HTTP `upgrade` request: authenticates it, then speaks the stream protocol on it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) return refuseUpgrade(socket, 503, 'Service Unavailable', 'The server is shutting down')
    // Until ws owns the socket, a client that resets it must not become an unhandled 'error'.
    const ignore = (): void => {}
    socket.on('error', ignore)
    void authenticateUpgrade(this.authenticate, req, this.authenticateTimeoutMs).then((auth) => {
      const address = peerAddress(req)
      if (!auth.ok && auth.timedOut) {
        this.log('warn', `Stream connection from ${address} refused (503): streamAuth.authenticate ${auth.reason}`)
        return refuseUpgrade(socket, 503, 'Service Unavailable', 'Authentication timed out')
      }
      if (!auth.ok) {
        this.log('debug', `Stream connection from ${address} refused: streamAuth.authenticate ${auth.reason}`)
        return refuseUpgrade(socket, 401, 'Unauthorized', 'Authentication failed')
      }
      if (this.closing) return refuseUpgrade(socket, 503, 'Service Unavailable', 'The server is shutting down')
      if (socket.destroyed) return
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new ClientSession(ws, address, auth.authContext, this.context)
        this.sessions.add(session)
        ws.once('close', () => this.sessions.delete(session))
      })
      socket.off('error', ignore)
    })
  }

  /** Closes every client with 1001 (going away), cutting those that do not answer. Safe to call twice. */
  close(graceMs = CLOSE_ANSWER_MS): Promise<void> {
    this.closing ??= (async () => {
      this.stopListening()
      clearInterval(this.heartbeat)
      const waitMs = Math.min(graceMs, CLOSE_ANSWER_MS)
      await Promise.all([...this.sessions].map((session) => session.close(GOING_AWAY, 'Server shutting down', waitMs)))
      await new Promise<void>((resolve) => this.wss.close(() => resolve()))
    })()
    return this.closing
  }

  /** How many clients are connected. */
  get clients(): number {
    return this.sessions.size
  }

  // An item change reaches the group's room and the item's; a client in both gets it once.
  private push(change: StreamChange): void {
    const { streamName, groupId, id } = change
    const rooms = id === undefined ? [roomOf(streamName, { groupId })] : [roomOf(streamName, { groupId }), roomOf(streamName, { groupId, id })]
    const members = this.context.rooms.membersOf(rooms)
    if (members.size === 0) return
    const text = serverMessage(this.timestamp(), change)
    for (const session of members) session.send(text, streamName)
  }

  // Strictly increasing: the client drops an item message whose timestamp is not newer than the last
  // one it applied, so two changes in the same millisecond would lose the second (Motia v0.x did).
  private timestamp(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1)
    return this.lastTimestamp
  }
}
