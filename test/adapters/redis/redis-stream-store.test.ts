// The stream contract against a real redis-server, plus several instances (nodes) on one Redis.
import { basename } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisStreamStore } from '../../../src/adapters/redis/redis-stream-store.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { streamStoreContract } from '../stream-store.contract.js'

let redis: RedisServer
const errors: unknown[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.close()
})

// One prefix per dir: reopening the same dir sees the same items, as a restarted node does.
streamStoreContract({
  name: 'RedisStreamStore',
  create: (dir) => new RedisStreamStore({ url: redis.url, prefix: `t-${basename(dir)}`, onError: (error) => errors.push(error) }),
  durable: true,
})

describe('RedisStreamStore on a shared Redis', () => {
  const stores: RedisStreamStore[] = []
  const open = (prefix: string) => {
    const store = new RedisStreamStore({ url: redis.url, prefix, onError: (error) => errors.push(error) })
    stores.push(store)
    return store
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
    expect(errors).toEqual([])
  })

  it("two instances share items and their order; a ':' in a stream name never meets another stream's group", async () => {
    const node1 = open('shared')
    const node2 = open('shared')
    await node1.set('chat', 'room', 'b', { id: 'b' })
    expect(await node2.set('chat', 'room', 'a', { id: 'a' })).toEqual({ created: true })
    expect(await node1.set('chat', 'room', 'b', { id: 'b', edited: true })).toEqual({ created: false })
    expect(await node2.getGroup('chat', 'room')).toEqual([{ id: 'b', edited: true }, { id: 'a' }])
    await node1.set('a:b', 'c', 'x', { id: 'x', from: 'a:b/c' })
    await node1.set('a', 'b:c', 'x', { id: 'x', from: 'a/b:c' })
    expect(await node2.getGroup('a:b', 'c')).toEqual([{ id: 'x', from: 'a:b/c' }])
    expect(await node2.getGroup('a', 'b:c')).toEqual([{ id: 'x', from: 'a/b:c' }])
    expect(await node2.groups('a')).toEqual(['b:c'])
  })

  it('of two concurrent sets of a new item, exactly one creates it; of two deletes, one gets it', async () => {
    const node1 = open('race')
    const node2 = open('race')
    for (let round = 0; round < 20; round++) {
      const sets = await Promise.all([node1.set('s', 'g', 'i', { id: 'i', by: 1 }), node2.set('s', 'g', 'i', { id: 'i', by: 2 })])
      expect(sets.filter((result) => result.created)).toHaveLength(1)
      const deletes = await Promise.all([node1.delete('s', 'g', 'i'), node2.delete('s', 'g', 'i')])
      expect(deletes.filter((result) => result === null)).toHaveLength(1)
    }
    expect(await node1.groups('s')).toEqual([])
  })
})
