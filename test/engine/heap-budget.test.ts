import { getHeapStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { HeapBudget } from '../../src/engine/heap-budget.js'

const MB = 1024 * 1024
const heapUsed = () => process.memoryUsage().heapUsed

// Garbage that survives until dropped: arrays of small objects, as promoted messages are.
function garbage(megabytes: number): unknown[] {
  const kept: unknown[] = []
  for (let i = 0; i < megabytes * 8_000; i++) kept.push({ id: `m-${i}`, data: { n: i } })
  return kept
}

describe('HeapBudget', () => {
  it('costs nothing at start: no V8 context is made before the first collection', () => {
    const contexts = getHeapStatistics().number_of_native_contexts
    const budget = new HeapBudget(1024)
    budget.start()
    try {
      budget.check()
      expect(budget.collections).toBe(0)
      expect(getHeapStatistics().number_of_native_contexts).toBe(contexts)
    } finally {
      budget.close()
    }
  })

  it('collects the garbage past its budget, and only past it', () => {
    const budgetMb = Math.ceil(heapUsed() / MB) + 16
    const budget = new HeapBudget(budgetMb)
    budget.start()
    try {
      budget.check()
      expect(budget.collections).toBe(0)

      let held: unknown[] | undefined = garbage(64)
      expect(heapUsed()).toBeGreaterThan(budgetMb * MB)
      held = undefined
      const before = heapUsed()
      budget.check()
      expect(held).toBeUndefined()
      expect(budget.collections).toBe(1)
      expect(heapUsed()).toBeLessThan(before - 32 * MB)
    } finally {
      budget.close()
    }
  })

  it('does not collect in a loop when what the heap really holds is over the budget', () => {
    const budget = new HeapBudget(1)
    budget.start()
    const held = garbage(32)
    try {
      budget.check()
      budget.check()
      // The live set is far over 1 MB: after one collection the limit is twice what survived it.
      expect(budget.collections).toBe(1)
      expect(held.length).toBeGreaterThan(0)
    } finally {
      budget.close()
    }
  })

  it('with a budget of 0 leaves the heap to V8', () => {
    const budget = new HeapBudget(0)
    budget.start()
    const held = garbage(16)
    budget.check()
    expect(budget.collections).toBe(0)
    expect(held.length).toBeGreaterThan(0)
    budget.close()
  })
})
