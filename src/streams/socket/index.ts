// The stream WebSocket server: Motia v0.x's socket protocol on the app's HTTP port.
export { ACCESS_DENIED, BAD_MESSAGE, STREAM_FAILED, STREAM_NOT_FOUND, TOO_MANY_SUBSCRIPTIONS } from './messages.js'
export type { SocketLog, StreamSocketOptions } from './options.js'
export { StreamSocketServer } from './socket-server.js'
