// Stream changes between nodes over Redis pub/sub, on the channel `<prefix>:streams:changes`. Each message
// is `{ node, change }`: a node skips its own (its local listeners already had them), so each change
// reaches each node's listeners once. Pub/sub keeps nothing: a node that is away misses what is sent meanwhile.
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { StreamChange } from '../../streams/stream-hub.js'
import type { StreamChangeBus } from '../stream-change-bus.js'
import { redisClient } from './connection.js'
import { callRedis, closeClient, dataClient, reportOutages, type RedisStoreOptions } from './data-client.js'

interface BusMessage {
  node: string
  change: StreamChange
}

/**
 * @example
 * const bus = await RedisStreamChangeBus.open({ url: 'redis://127.0.0.1:6379', prefix: 'motia', onError: console.error })
 * bus.subscribe((change) => console.log('from another node', change))
 */
export class RedisStreamChangeBus implements StreamChangeBus {
  /** Marks this process's messages, so that it skips them when they come back. */
  readonly node = randomUUID()
  readonly #url: string
  readonly #channel: string
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #listeners = new Set<(change: StreamChange) => void>()
  readonly #onError: (error: unknown) => void

  /** Opens the bus, subscribed before it resolves: changes published from then on are heard. */
  static async open(options: RedisStoreOptions): Promise<RedisStreamChangeBus> {
    const bus = new RedisStreamChangeBus(options)
    try {
      await callRedis('the stream change subscription', options.url, () => bus.#subscriber.subscribe(bus.#channel))
    } catch (error) {
      await bus.close()
      throw error
    }
    return bus
  }

  private constructor(options: RedisStoreOptions) {
    this.#url = options.url
    this.#onError = options.onError
    this.#channel = `${options.prefix}:streams:changes`
    this.#publisher = dataClient({ url: options.url, name: `${options.prefix}:streams-publish`, onError: options.onError })
    // The subscriber waits for Redis however long it is away, and resubscribes when it is back (ioredis's autoResubscribe).
    this.#subscriber = redisClient({ url: options.url, name: `${options.prefix}:streams-subscribe` })
    reportOutages(this.#subscriber, `${options.prefix}:streams-subscribe`, options.url, options.onError)
    this.#subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.#channel) this.#receive(text)
    })
  }

  async publish(change: StreamChange): Promise<void> {
    const message: BusMessage = { node: this.node, change }
    await callRedis(`streams.${change.streamName} (telling the other nodes)`, this.#url, () => this.#publisher.publish(this.#channel, JSON.stringify(message)))
  }

  subscribe(listener: (change: StreamChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    await Promise.all([closeClient(this.#publisher), closeClient(this.#subscriber)])
  }

  #receive(text: string): void {
    let message: BusMessage
    try {
      message = JSON.parse(text) as BusMessage
    } catch (error) {
      this.#onError(new Error(`Ignored a message on ${this.#channel} that is not JSON (${(error as Error).message}): is another program publishing there?`))
      return
    }
    if (message.node === this.node) return
    for (const listener of this.#listeners) listener(message.change)
  }
}
