// State in Redis, shared by every node on it: a hash per group, `<prefix>:state:<groupId>` (field = key,
// value = JSON text), and the set `<prefix>:state-groups` of the groups holding keys, kept in step
// with the hashes by MULTI and a Lua script.
import type { Redis } from 'ioredis'
import { checkGroupId, checkKey, decodeStateValue, encodeStateValue, stateClosedError } from '../memory/state-codec.js'
import type { StateStore } from '../state-store.js'
import { compareCodePoints, StoreConnection, transactionResult, type RedisStoreOptions } from './data-client.js'
import { luaScript, type LuaScript } from './lua-script.js'

// Removes one key and, when it was the group's last, the group from the set: atomically, returning the old value.
const DELETE_KEY = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  redis.call('HDEL', KEYS[1], ARGV[1])
  if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
end
return old
`

/**
 * @example
 * const state = new RedisStateStore({ url: 'redis://127.0.0.1:6379', prefix: 'motia', onError: console.error })
 * await state.set('orders', 'o-1', { total: 0 }) // HSET motia:state:orders o-1 '{"total":0}'
 */
export class RedisStateStore implements StateStore {
  readonly #connection: StoreConnection
  readonly #client: Redis
  readonly #prefix: string
  readonly #deleteKey: LuaScript

  constructor(options: RedisStoreOptions) {
    this.#prefix = options.prefix
    this.#connection = new StoreConnection(options, `${options.prefix}:state`, stateClosedError)
    this.#client = this.#connection.client
    this.#deleteKey = luaScript(this.#client, 'motiaStateDelete', 2, DELETE_KEY)
  }

  async get(groupId: string, key: string): Promise<unknown> {
    this.#open()
    checkKey('get', groupId, key)
    const text = await this.#call('state.get', () => this.#client.hget(this.#groupKey(groupId), key))
    return text === null ? null : decodeStateValue(text)
  }

  async set(groupId: string, key: string, value: unknown): Promise<unknown> {
    this.#open()
    checkKey('set', groupId, key)
    const text = encodeStateValue(groupId, key, value)
    await this.#call('state.set', () => this.#client.multi().hset(this.#groupKey(groupId), key, text).sadd(this.#groupsKey(), groupId).exec().then(transactionResult))
    return value
  }

  async delete(groupId: string, key: string): Promise<unknown> {
    this.#open()
    checkKey('delete', groupId, key)
    const old = await this.#call('state.delete', () => this.#deleteKey([this.#groupKey(groupId), this.#groupsKey()], [key, groupId]))
    return typeof old === 'string' ? decodeStateValue(old) : null
  }

  async getGroup(groupId: string): Promise<unknown[]> {
    checkGroupId('getGroup', groupId)
    return (await this.#entries('state.getGroup', groupId)).map((entry) => entry.value)
  }

  async entries(groupId: string): Promise<{ key: string; value: unknown }[]> {
    checkGroupId('entries', groupId)
    return this.#entries('state.entries', groupId)
  }

  async groups(): Promise<string[]> {
    this.#open()
    return (await this.#call('state.groups', () => this.#client.smembers(this.#groupsKey()))).sort(compareCodePoints)
  }

  async clear(groupId: string): Promise<void> {
    this.#open()
    checkGroupId('clear', groupId)
    await this.#call('state.clear', () => this.#client.multi().del(this.#groupKey(groupId)).srem(this.#groupsKey(), groupId).exec().then(transactionResult))
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  async #entries(operation: string, groupId: string): Promise<{ key: string; value: unknown }[]> {
    this.#open()
    const hash = await this.#call(operation, () => this.#client.hgetall(this.#groupKey(groupId)))
    return Object.keys(hash)
      .sort(compareCodePoints)
      .map((key) => ({ key, value: decodeStateValue(hash[key]!) }))
  }

  #call<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return this.#connection.call(operation, call)
  }

  #groupKey(groupId: string): string {
    return `${this.#prefix}:state:${groupId}`
  }

  #groupsKey(): string {
    return `${this.#prefix}:state-groups`
  }

  #open(): void {
    this.#connection.open()
  }
}
