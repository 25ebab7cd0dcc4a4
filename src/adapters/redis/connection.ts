// ioredis connections to the app's Redis: one checked at start (a clear error instead of a retry loop),
// then clients that reconnect forever, so a Redis that goes away later fails handlers, not the process.
import { Redis, type RedisOptions } from 'ioredis'
import { MotiaError } from '../../errors.js'

export interface RedisConnectionOptions {
  url: string
  /** What the connection is for, shown by `CLIENT LIST` (`motia:queue`, `motia:state`, ...). */
  name: string
}

const CONNECT_TIMEOUT_MS = 5_000

/**
 * A client that reconnects forever (with a capped backoff) and never fails a command for want of a
 * connection before it is back (`maxRetriesPerRequest: null`, as BullMQ workers require).
 */
export function redisClient({ url, name }: RedisConnectionOptions, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    ...extra,
  })
}

/**
 * Connects once and PINGs, with no retry: a Redis that is down, refuses the credentials or is not Redis gives
 * one clear MotiaError (E_REDIS_UNAVAILABLE), named after `source`, instead of an endless reconnect loop.
 */
export async function checkRedis(url: string, source: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: CONNECT_TIMEOUT_MS, enableOfflineQueue: false })
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the "Connection is closed" connect() rejects with.
  let socketError: unknown
  client.on('error', (error) => {
    socketError ??= error
  })
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    const cause = socketError ?? error
    throw new MotiaError('E_REDIS_UNAVAILABLE', `Could not use the Redis of ${source} (${redactedHost(url)}): ${describeRedisError(cause)}`, { cause, retryable: false })
  } finally {
    client.disconnect()
  }
}

function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(message)) return `the credentials were refused (${message}). Check the user name and password.`
  if (/ECONNREFUSED/.test(message)) return 'connection refused. Is redis-server running on that host and port?'
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `the host name does not resolve (${message}).`
  if (/ETIMEDOUT|timeout/i.test(message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s (${message}).`
  return message
}

function redactedHost(url: string): string {
  const parsed = new URL(url)
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
}
