// The stream socket server's options, checked once where they come in.
import { DEFAULT_STREAM_BUFFER_LIMIT } from '../../defaults.js'
import { MotiaError } from '../../errors.js'
import type { StreamAuthRequest } from '../../types.js'
import type { StreamHub } from '../stream-hub.js'

export type SocketLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void

export interface StreamSocketOptions {
  /** The app's streams: what clients may join, and the changes pushed to them. */
  hub: StreamHub
  /** `streamAuth.authenticate` from motia.config.ts: throwing refuses the upgrade with 401. */
  authenticate?: (request: StreamAuthRequest) => unknown
  /** Bytes a client may leave unread before it is dropped (default DEFAULT_STREAM_BUFFER_LIMIT, 4 MiB). */
  bufferLimit?: number
  log: SocketLog
  /** Subscriptions one connection may hold at once (default 10,000): joins past it are refused. */
  maxSubscriptions?: number
  /** How often each client is pinged (default 30 s); one that has not answered the previous ping is cut. */
  pingIntervalMs?: number
  /** How long `authenticate` may take before the upgrade is refused with 503 (default 10 s). */
  authenticateTimeoutMs?: number
}

const MAX_SUBSCRIPTIONS = 10_000
const PING_INTERVAL_MS = 30_000
const AUTHENTICATE_TIMEOUT_MS = 10_000

export function checkSocketOptions(options: StreamSocketOptions): StreamSocketOptions & { bufferLimit: number; maxSubscriptions: number; pingIntervalMs: number; authenticateTimeoutMs: number } {
  const { bufferLimit = DEFAULT_STREAM_BUFFER_LIMIT, maxSubscriptions = MAX_SUBSCRIPTIONS, pingIntervalMs = PING_INTERVAL_MS, authenticate } = options
  const { authenticateTimeoutMs = AUTHENTICATE_TIMEOUT_MS } = options
  if (!Number.isSafeInteger(bufferLimit) || bufferLimit <= 0) {
    throw new MotiaError('E_BAD_OPTION', `Expected the \`streamBufferLimit\` option to be a positive integer (bytes), got \`${String(bufferLimit)}\` (${typeof bufferLimit})`, {
      retryable: false,
    })
  }
  if (authenticate !== undefined && typeof authenticate !== 'function') {
    throw new MotiaError('E_BAD_OPTION', `Expected \`streamAuth.authenticate\` to be a function, got ${typeof authenticate}`, { retryable: false })
  }
  const counts = [
    ['maxSubscriptions', maxSubscriptions],
    ['pingIntervalMs', pingIntervalMs],
    ['authenticateTimeoutMs', authenticateTimeoutMs],
  ] as const
  for (const [name, value] of counts) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new MotiaError('E_BAD_OPTION', `Expected the \`${name}\` option to be a positive integer, got \`${String(value)}\` (${typeof value})`, { retryable: false })
    }
  }
  return { ...options, bufferLimit, maxSubscriptions, pingIntervalMs, authenticateTimeoutMs }
}
