// The StreamStore contract, run by the SQLite store and its in-memory twin.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StreamStore } from '../../src/adapters/stream-store.js'

export function streamStoreContract(options: { name: string; create: (dir: string) => StreamStore; durable: boolean }): void {
  describe(`StreamStore contract: ${options.name}`, () => {
    const stores: StreamStore[] = []
    const dirs: string[] = []
    const open = (dir = tempDir()) => {
      const store = options.create(dir)
      stores.push(store)
      return store
    }
    const tempDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'motia-streams-'))
      dirs.push(dir)
      return dir
    }
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()))
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    })

    it('says whether a set created or replaced the item, and reads it back', async () => {
      const store = open()
      expect(await store.get('messages', 'room', 'm1')).toBeNull()
      expect(await store.set('messages', 'room', 'm1', { id: 'm1', text: 'hi' })).toEqual({ created: true })
      expect(await store.set('messages', 'room', 'm1', { id: 'm1', text: 'edited' })).toEqual({ created: false })
      expect(await store.get('messages', 'room', 'm1')).toEqual({ id: 'm1', text: 'edited' })
    })

    it('keeps streams and groups apart, getGroup matching the group exactly', async () => {
      const store = open()
      await store.set('messages', 'ab', 'x', { id: 'x', n: 1 })
      await store.set('messages', 'abc', 'y', { id: 'y', n: 2 })
      await store.set('other', 'ab', 'z', { id: 'z', n: 3 })
      expect(await store.getGroup('messages', 'ab')).toEqual([{ id: 'x', n: 1 }])
      expect(await store.getGroup('messages', 'a')).toEqual([])
      expect(await store.get('other', 'ab', 'x')).toBeNull()
    })

    it('lists a group in creation order: an update keeps its place, a re-created item goes last', async () => {
      const store = open()
      for (const id of ['c', 'a', 'b']) await store.set('s', 'g', id, { id, v: 0 })
      await store.set('s', 'g', 'c', { id: 'c', v: 1 })
      expect((await store.getGroup('s', 'g')).map((item) => [item.id, item.v])).toEqual([['c', 1], ['a', 0], ['b', 0]])
      expect(await store.delete('s', 'g', 'c')).toEqual({ id: 'c', v: 1 })
      await store.set('s', 'g', 'c', { id: 'c', v: 2 })
      expect((await store.getGroup('s', 'g')).map((item) => item.id)).toEqual(['a', 'b', 'c'])
    })

    it('lists the groups of one stream that hold items, in code-point order, whatever their characters', async () => {
      const store = open()
      expect(await store.groups('s')).toEqual([])
      for (const groupId of ['b', 'a/b c', 'Z', 'été', 'x"]']) await store.set('s', groupId, 'i', { id: 'i' })
      await store.set('s', 'b', 'j', { id: 'j' })
      await store.set('other', 'only-here', 'i', { id: 'i' })
      expect(await store.groups('s')).toEqual(['Z', 'a/b c', 'b', 'x"]', 'été'])
      await store.delete('s', 'Z', 'i')
      expect(await store.groups('s')).toEqual(['a/b c', 'b', 'x"]', 'été'])
      expect(await store.groups('other')).toEqual(['only-here'])
    })

    it('deletes and returns the old item, or null when there was none', async () => {
      const store = open()
      expect(await store.delete('s', 'g', 'none')).toBeNull()
      await store.set('s', 'g', 'x', { id: 'x', falsy: 0 })
      expect(await store.delete('s', 'g', 'x')).toEqual({ id: 'x', falsy: 0 })
      expect(await store.get('s', 'g', 'x')).toBeNull()
      expect(await store.set('s', 'g', 'x', { id: 'x' })).toEqual({ created: true })
    })

    it('refuses an item that is not JSON, storing nothing', async () => {
      const store = open()
      const cycle: Record<string, unknown> = { id: 'x' }
      cycle.self = cycle
      await expect(store.set('s', 'g', 'x', cycle as never)).rejects.toMatchObject({ code: 'E_NOT_SERIALIZABLE' })
      await expect(store.set('s', 'g', 'x', { id: 'x', big: 1n } as never)).rejects.toThrow(
        /^Item "x" of group "g" in stream "s" cannot be stored as JSON \(.*\): store plain JSON values/,
      )
      expect(await store.get('s', 'g', 'x')).toBeNull()
    })

    it('refuses calls once closed', async () => {
      const store = open()
      await store.close()
      await expect(store.get('s', 'g', 'x')).rejects.toMatchObject({ code: 'E_SHUTTING_DOWN' })
    })

    it.runIf(options.durable)('keeps items and their order across closing and reopening', async () => {
      const dir = tempDir()
      const first = open(dir)
      for (const id of ['2', '1', '3']) await first.set('s', 'g', id, { id })
      await first.delete('s', 'g', '1')
      await first.close()
      const second = open(dir)
      expect(await second.getGroup('s', 'g')).toEqual([{ id: '2' }, { id: '3' }])
    })
  })
}
