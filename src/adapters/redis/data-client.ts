// Connections for state and stream data: unlike queue workers, a call made while Redis is away fails
// (a step fails and its event is retried, an API step answers 503) instead of waiting for Redis forever.
import type { Redis } from 'ioredis'
import { MotiaError } from '../../errors.js'
import { redisClient } from './connection.js'
import { OutageReport } from './outage-report.js'

/** What each state, stream and change-bus adapter is opened with. */
export interface RedisStoreOptions {
  url: string
  /** Start of every key (`MOTIA_REDIS_PREFIX`, default `motia`). */
  prefix: string
  /** A lost connection, once per outage. */
  onError: (error: unknown) => void
}

export interface DataClientOptions {
  url: string
  /** What the connection is for, shown by `CLIENT LIST` and in error messages (`motia:state`, ...). */
  name: string
  /** Told once per outage (not once per reconnect attempt) that the connection is lost. */
  onError: (error: unknown) => void
}

/**
 * The connection of one state or stream store: its calls fail with errors that say what to do (callRedis),
 * and are refused once the store is closed.
 */
export class StoreConnection {
  readonly client: Redis
  readonly #url: string
  readonly #closedError: () => Error
  #closed = false

  /** `name`: the connection's name in `CLIENT LIST` (`<prefix>:state`); `closedError`: what a call after close() throws. */
  constructor(options: RedisStoreOptions, name: string, closedError: () => Error) {
    this.#url = options.url
    this.#closedError = closedError
    this.client = dataClient({ url: options.url, name, onError: options.onError })
  }

  /** Throws the store's closed error once close() was called. */
  open(): void {
    if (this.#closed) throw this.#closedError()
  }

  call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return callRedis(operation, this.#url, call)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await closeClient(this.client)
  }
}

/**
 * A client that reconnects forever, but fails the commands in flight or queued when a reconnect attempt
 * fails (`maxRetriesPerRequest: 0`): a blip goes unnoticed, an outage fails calls within about 2 s.
 */
export function dataClient({ url, name, onError }: DataClientOptions): Redis {
  const client = redisClient({ url, name }, { maxRetriesPerRequest: 0 })
  reportOutages(client, name, url, onError)
  return client
}

/**
 * Every client needs an 'error' listener (ioredis prints each reconnect failure otherwise); this one tells
 * `onError` once when the connection is lost, and again only after it has been ready in between.
 */
export function reportOutages(client: Redis, name: string, url: string, onError: (error: unknown) => void): void {
  const outage = new OutageReport(onError, {
    lost: (reason) =>
      `Lost the connection to Redis (${hostOf(url)}) for ${name}: ${reason}. Reconnecting; state and stream calls fail until it is back (check that redis-server is running).`,
  })
  client.on('error', outage.failed)
  client.on('ready', outage.recovered)
}

/** Runs one Redis call for `operation` (`state.get`, ...), turning a failure into a MotiaError that says what to do. */
export async function callRedis<T>(operation: string, url: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw redisCallError(operation, url, error)
  }
}

function redisCallError(operation: string, url: string, error: unknown): MotiaError {
  if (error instanceof MotiaError) return error
  const message = error instanceof Error ? error.message : String(error)
  // Replies from the server (OOM, READONLY, a script error) carry a name ioredis gives them; anything else is the connection.
  if ((error as { name?: unknown }).name === 'ReplyError') {
    return new MotiaError('E_STORAGE_FAILED', `Redis (${hostOf(url)}) refused ${operation}: ${message}. Check the server's memory limit and that it accepts writes.`, {
      cause: error,
      retryable: true,
    })
  }
  return new MotiaError(
    'E_REDIS_UNAVAILABLE',
    `${operation} could not reach Redis (${hostOf(url)}): ${message}. The call may not have been applied; check that redis-server is running (the step's event is retried).`,
    { cause: error, retryable: true },
  )
}

/** Closes politely when connected (pending replies arrive first), at once when Redis is away. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect()
    return
  }
  await client.quit().catch(() => client.disconnect())
}

/** Host and port only: never the password. */
export function hostOf(url: string): string {
  return new URL(url).host
}

/** Code-point order, the order the SQLite store gives. */
export const compareCodePoints = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b))

/** EXEC's answer: null when the transaction was discarded, else each command's [error, result]; the first error is thrown. */
export function transactionResult(results: [Error | null, unknown][] | null): unknown[] {
  if (results === null) throw new Error('the transaction was discarded')
  for (const [error] of results) if (error) throw error
  return results.map(([, result]) => result)
}
