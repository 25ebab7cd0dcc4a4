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
}

const MAX_SUBSCRIPTIONS = 10_000

export function checkSocketOptions(options: StreamSocketOptions): StreamSocketOptions & { bufferLimit: number; maxSubscriptions: number } {
  const { bufferLimit = DEFAULT_STREAM_BUFFER_LIMIT, maxSubscriptions = MAX_SUBSCRIPTIONS, authenticate } = options
  if (!Number.isSafeInteger(bufferLimit) || bufferLimit <= 0) {
    throw new MotiaError('E_BAD_OPTION', `Expected the \`streamBufferLimit\` option to be a positive integer (bytes), got \`${String(bufferLimit)}\` (${typeof bufferLimit})`, {
      retryable: false,
    })
  }
  if (authenticate !== undefined && typeof authenticate !== 'function') {
    throw new MotiaError('E_BAD_OPTION', `Expected \`streamAuth.authenticate\` to be a function, got ${typeof authenticate}`, { retryable: false })
  }
  if (!Number.isSafeInteger(maxSubscriptions) || maxSubscriptions <= 0) {
    throw new MotiaError('E_BAD_OPTION', `Expected the \`maxSubscriptions\` option to be a positive integer, got \`${String(maxSubscriptions)}\` (${typeof maxSubscriptions})`, {
      retryable: false,
    })
  }
  return { ...options, bufferLimit, maxSubscriptions }
}
