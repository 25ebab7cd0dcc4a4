// Stream items in Redis, shared by every node on it. Per (stream, group), the stream name URI-encoded so
// that no `:` in it can make two pairs share a key:
//   <prefix>:stream-items:<stream>:<groupId>   hash, item id -> item JSON
//   <prefix>:stream-order:<stream>:<groupId>   sorted set, item id -> creation number (an update keeps it)
//   <prefix>:stream-groups:<stream>            set of the stream's groups holding items
// Writes are Lua scripts, so the three stay in step and `set` knows whether it created.
import type { Redis } from 'ioredis'
import type { StreamItem } from '../../types.js'
import { decodeStreamItem, encodeStreamItem, streamsClosedError } from '../memory/stream-codec.js'
import type { StreamStore } from '../stream-store.js'
import { compareCodePoints, StoreConnection, transactionResult, type RedisStoreOptions } from './data-client.js'
import { luaScript, type LuaScript } from './lua-script.js'

// A new item gets the group's last creation number + 1, so a deleted item set again goes last.
const SET_ITEM = `
local created = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if created == 1 then
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  local number = 1
  if last[2] then number = tonumber(last[2]) + 1 end
  redis.call('ZADD', KEYS[2], number, ARGV[1])
  redis.call('SADD', KEYS[3], ARGV[3])
end
return created
`

const DELETE_ITEM = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
end
return old
`

/**
 * @example
 * const streams = new RedisStreamStore({ url: 'redis://127.0.0.1:6379', prefix: 'motia', onError: console.error })
 * await streams.set('messages', 'room-1', 'm-1', { id: 'm-1', text: 'hi' }) // { created: true }
 */
export class RedisStreamStore implements StreamStore {
  readonly #connection: StoreConnection
  readonly #client: Redis
  readonly #prefix: string
  readonly #setItem: LuaScript
  readonly #deleteItem: LuaScript

  constructor(options: RedisStoreOptions) {
    this.#prefix = options.prefix
    this.#connection = new StoreConnection(options, `${options.prefix}:streams`, streamsClosedError)
    this.#client = this.#connection.client
    this.#setItem = luaScript(this.#client, 'motiaStreamSet', 3, SET_ITEM)
    this.#deleteItem = luaScript(this.#client, 'motiaStreamDelete', 3, DELETE_ITEM)
  }

  async get(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.#open()
    const text = await this.#call(`streams.${stream}.get`, () => this.#client.hget(this.#keys(stream, groupId)[0], id))
    return text === null ? null : decodeStreamItem(text)
  }

  async set(stream: string, groupId: string, id: string, item: StreamItem): Promise<{ created: boolean }> {
    this.#open()
    const text = encodeStreamItem(stream, groupId, id, item)
    const created = await this.#call(`streams.${stream}.set`, () => this.#setItem(this.#keys(stream, groupId), [id, text, groupId]))
    return { created: created === 1 }
  }

  async delete(stream: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.#open()
    const old = await this.#call(`streams.${stream}.delete`, () => this.#deleteItem(this.#keys(stream, groupId), [id, groupId]))
    return typeof old === 'string' ? decodeStreamItem(old) : null
  }

  async getGroup(stream: string, groupId: string): Promise<StreamItem[]> {
    this.#open()
    const [items, order] = this.#keys(stream, groupId)
    const [ids, texts] = (await this.#call(`streams.${stream}.getGroup`, () =>
      this.#client.multi().zrange(order, 0, -1).hgetall(items).exec().then(transactionResult),
    )) as [string[], Record<string, string>]
    return ids.filter((id) => Object.hasOwn(texts, id)).map((id) => decodeStreamItem(texts[id]!))
  }

  async groups(stream: string): Promise<string[]> {
    this.#open()
    return (await this.#call(`streams.${stream}.groups`, () => this.#client.smembers(this.#keys(stream, '')[2]))).sort(compareCodePoints)
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  /** [items hash, order sorted set, groups set] of one group. */
  #keys(stream: string, groupId: string): [string, string, string] {
    const name = encodeURIComponent(stream)
    return [`${this.#prefix}:stream-items:${name}:${groupId}`, `${this.#prefix}:stream-order:${name}:${groupId}`, `${this.#prefix}:stream-groups:${name}`]
  }

  #call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return this.#connection.call(operation, call)
  }

  #open(): void {
    this.#connection.open()
  }
}
