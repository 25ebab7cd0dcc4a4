// The StateStore contract: every implementation runs these cases; differences are declared as skips with a reason.
// It pins the Motia v0.x bugs we must not repeat (motia-v0-behaviour.md §2): falsy values read back as null,
// and getGroup('ab') also matching group 'abc'.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StateStore } from '../../src/adapters/state-store.js'

export interface StateStoreSkip {
  reason: string
  tests: string[]
}

export const STATE_DURABILITY_TESTS = ['values survive closing and reopening the store']

export function stateStoreContract(options: { name: string; create: (dir: string) => StateStore; skip?: StateStoreSkip[] }): void {
  describe(`StateStore contract: ${options.name}`, () => {
    const stores: StateStore[] = []
    const dirs: string[] = []
    const open = (dir = tempDir()) => {
      const store = options.create(dir)
      stores.push(store)
      return store
    }
    const tempDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'motia-state-'))
      dirs.push(dir)
      return dir
    }
    const test = (title: string, fn: () => Promise<void>) => {
      const skip = options.skip?.find((s) => s.tests.includes(title))
      if (skip) it.skip(`${title} (skipped: ${skip.reason})`, fn)
      else it(title, fn)
    }
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()))
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    })

    test('get of a missing key is null; set returns the value', async () => {
      const state = open()
      expect(await state.get('g', 'missing')).toBeNull()
      expect(await state.set('g', 'k', { a: 1 })).toEqual({ a: 1 })
      expect(await state.get('g', 'k')).toEqual({ a: 1 })
      expect(await state.get('other', 'k')).toBeNull()
    })

    test('falsy and other JSON values come back exactly', async () => {
      const state = open()
      const values: [string, unknown][] = [['zero', 0], ['false', false], ['empty', ''], ['null', null], ['list', [0, '', [false]]], ['float', 1.5], ['text', 'é ☃ 😀']]
      for (const [key, value] of values) await state.set('falsy', key, value)
      for (const [key, value] of values) expect(await state.get('falsy', key)).toEqual(value)
      expect(await state.get('falsy', 'zero')).toBe(0)
      expect(await state.get('falsy', 'false')).toBe(false)
      expect(await state.get('falsy', 'empty')).toBe('')
    })

    test('a stored value is a copy: changing the object afterwards does not change state', async () => {
      const state = open()
      const value = { n: 1 }
      await state.set('g', 'k', value)
      value.n = 2
      expect(await state.get('g', 'k')).toEqual({ n: 1 })
    })

    test('set overwrites; delete returns the removed value, then null', async () => {
      const state = open()
      await state.set('g', 'k', 1)
      await state.set('g', 'k', 0)
      expect(await state.delete('g', 'k')).toBe(0)
      expect(await state.delete('g', 'k')).toBeNull()
      expect(await state.get('g', 'k')).toBeNull()
    })

    test("getGroup('ab') never returns values of group 'abc', and ':' in ids and keys is safe", async () => {
      const state = open()
      await state.set('ab', 'x', 'ab-x')
      await state.set('abc', 'x', 'abc-x')
      await state.set('a', 'b:x', 'a-b:x')
      await state.set('a:b', 'x', 'a:b-x')
      await state.set('ab', 'k:1', 'ab-k:1')
      expect(await state.getGroup('ab')).toEqual(['ab-k:1', 'ab-x'])
      expect(await state.getGroup('a')).toEqual(['a-b:x'])
      expect(await state.getGroup('a:b')).toEqual(['a:b-x'])
      expect(await state.get('a', 'b:x')).toBe('a-b:x')
      expect(await state.getGroup('nobody')).toEqual([])
    })

    test('entries are in key order; groups lists groups holding keys; clear empties one group', async () => {
      const state = open()
      await state.set('orders', 'b', 2)
      await state.set('orders', 'a', 1)
      await state.set('users', 'u', { name: 'x' })
      await state.set('gone', 'k', true)
      await state.delete('gone', 'k')
      expect(await state.entries('orders')).toEqual([{ key: 'a', value: 1 }, { key: 'b', value: 2 }])
      expect(await state.groups()).toEqual(['orders', 'users'])
      await state.clear('orders')
      expect(await state.getGroup('orders')).toEqual([])
      expect(await state.groups()).toEqual(['users'])
    })

    test('undefined is stored as null', async () => {
      const state = open()
      expect(await state.set('g', 'k', undefined)).toBeUndefined()
      expect(await state.get('g', 'k')).toBeNull()
      expect(await state.groups()).toEqual(['g'])
    })

    test('bad input gets a clear error', async () => {
      const state = open()
      await expect(state.get(1 as unknown as string, 'k')).rejects.toThrow('Expected the `groupId` of state.get to be a string, got `1` (number).')
      await expect(state.set('g', null as unknown as string, 1)).rejects.toThrow('Expected the `key` of state.set to be a string, got `null` (null).')
      await expect(state.getGroup(undefined as unknown as string)).rejects.toThrow('Expected the `groupId` of state.getGroup to be a string, got `undefined` (undefined).')
      await expect(state.set('g', 'k', { n: 1n })).rejects.toThrow('State value for key "k" in group "g" cannot be stored as JSON (Do not know how to serialize a BigInt): store plain JSON values (no BigInt, functions or cycles).')
      const cycle: { self?: unknown } = {}
      cycle.self = cycle
      await expect(state.set('g', 'k', cycle)).rejects.toMatchObject({ code: 'E_BAD_OPTION', retryable: false })
      expect(await state.get('g', 'k')).toBeNull()
    })

    test('a closed store refuses calls', async () => {
      const state = open()
      await state.close()
      await expect(state.get('g', 'k')).rejects.toMatchObject({ code: 'E_SHUTTING_DOWN' })
    })

    test('values survive closing and reopening the store', async () => {
      const dir = tempDir()
      const before = open(dir)
      await before.set('g', 'zero', 0)
      await before.set('g', 'obj', { a: [1] })
      await before.close()
      const after = open(dir)
      expect(await after.entries('g')).toEqual([{ key: 'obj', value: { a: [1] } }, { key: 'zero', value: 0 }])
    })
  })
}
