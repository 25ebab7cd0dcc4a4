import { describe, expect, it } from 'vitest'
import { Deque } from '../../../src/engine/delivery/deque.js'
import { MinHeap } from '../../../src/engine/delivery/min-heap.js'

describe('MinHeap', () => {
  it('pops in key order, keeping insertion order irrelevant', () => {
    const heap = new MinHeap<number>()
    const keys = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000)
    for (const key of keys) heap.push(key, key)
    const popped: number[] = []
    while (heap.size > 0) {
      expect(heap.peekKey()).toBe(heap.peekKey())
      popped.push(heap.pop()!)
    }
    expect(popped).toEqual([...keys].sort((a, b) => a - b))
    expect(heap.pop()).toBeUndefined()
    expect(heap.peekKey()).toBeUndefined()
  })
})

describe('Deque', () => {
  it('keeps order across many pushes and shifts (including compaction)', () => {
    const deque = new Deque<number>()
    let next = 0
    const out: number[] = []
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 700; i++) deque.push(next++)
      for (let i = 0; i < 500; i++) out.push(deque.shift()!)
    }
    while (deque.size > 0) out.push(deque.shift()!)
    expect(out).toEqual([...Array(7000).keys()])
    expect(deque.shift()).toBeUndefined()
    expect(deque.peek()).toBeUndefined()
  })
})
