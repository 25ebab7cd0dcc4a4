// The state contract against a real redis-server, plus what only a shared store has: several instances
// (nodes) on one Redis, and prefixes that keep apps apart.
import { basename } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisStateStore } from '../../../src/adapters/redis/redis-state-store.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { stateStoreContract } from '../state-store.contract.js'

let redis: RedisServer
const errors: unknown[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.close()
})

// One prefix per contract test's dir: tests stay apart, and reopening the same dir sees the same data.
stateStoreContract({ name: 'RedisStateStore', create: (dir) => new RedisStateStore({ url: redis.url, prefix: `t-${basename(dir)}`, onError: (error) => errors.push(error) }) })

describe('RedisStateStore on a shared Redis', () => {
  const stores: RedisStateStore[] = []
  const open = (prefix: string) => {
    const store = new RedisStateStore({ url: redis.url, prefix, onError: (error) => errors.push(error) })
    stores.push(store)
    return store
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
    expect(errors).toEqual([])
  })

  it('two instances on one Redis (two nodes) see each other\'s writes and deletes', async () => {
    const node1 = open('shared')
    const node2 = open('shared')
    await node1.set('orders', 'o-1', { total: 3 })
    expect(await node2.get('orders', 'o-1')).toEqual({ total: 3 })
    expect(await node2.groups()).toEqual(['orders'])
    expect(await node2.delete('orders', 'o-1')).toEqual({ total: 3 })
    expect(await node1.get('orders', 'o-1')).toBeNull()
    expect(await node1.groups()).toEqual([])
  })

  it('keeps apps with different prefixes apart', async () => {
    const app1 = open('app1')
    const app2 = open('app2')
    await app1.set('g', 'k', 1)
    await app2.set('g', 'k', 2)
    expect(await app1.entries('g')).toEqual([{ key: 'k', value: 1 }])
    expect(await app2.entries('g')).toEqual([{ key: 'k', value: 2 }])
    await app1.clear('g')
    expect(await app2.get('g', 'k')).toBe(2)
    expect(await app1.groups()).toEqual([])
  })

  it("matches groups exactly even with glob characters, and keys such as '__proto__' are plain keys", async () => {
    const state = open('globs')
    await state.set('a*', 'k', 'star')
    await state.set('a?', 'k', 'question')
    await state.set('a[b]', '__proto__', 'proto')
    await state.set('ab', 'constructor', 'ctor')
    expect(await state.getGroup('a*')).toEqual(['star'])
    expect(await state.entries('a[b]')).toEqual([{ key: '__proto__', value: 'proto' }])
    expect(await state.getGroup('a')).toEqual([])
    expect(await state.groups()).toEqual(['a*', 'a?', 'a[b]', 'ab'])
    await state.clear('a*')
    expect(await state.groups()).toEqual(['a?', 'a[b]', 'ab'])
  })

  it('round-trips a large nested value and many keys in key order', async () => {
    const state = open('large')
    const large = { rows: Array.from({ length: 5_000 }, (_, i) => ({ i, text: 'é☃😀'.repeat(20), nested: { ok: i % 2 === 0, none: null } })) }
    await state.set('big', 'value', large)
    expect(await state.get('big', 'value')).toEqual(large)
    const keys = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}`)
    for (const key of [...keys].reverse()) await state.set('many', key, key)
    expect((await state.entries('many')).map((entry) => entry.key)).toEqual(keys)
  })

  it('deletes atomically: of two concurrent deletes of one key, exactly one gets the value', async () => {
    const node1 = open('race')
    const node2 = open('race')
    for (let round = 0; round < 20; round++) {
      await node1.set('g', 'k', round)
      const results = await Promise.all([node1.delete('g', 'k'), node2.delete('g', 'k')])
      expect(results.filter((result) => result === round)).toHaveLength(1)
      expect(results.filter((result) => result === null)).toHaveLength(1)
    }
    expect(await node1.groups()).toEqual([])
  })
})
