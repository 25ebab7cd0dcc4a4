// Contract cases: fifo order per messageGroupId, parallel groups, and the concurrency bound.
import { expect } from 'vitest'
import type { QueueMessage } from '../../../src/adapters/queue.js'
import { Recorder, deferred, fifo, message, standard, type CaseContext } from './helpers.js'

interface Item {
  group?: string
  n: number
}

export function orderingCases({ test, open, tempDir }: CaseContext): void {
  test('fifo keeps enqueue order per group, one in flight per group, groups in parallel', async () => {
    const queue = open(tempDir())
    const log = new Recorder<string>()
    const inFlight = new Map<string, number>()
    let maxPerGroup = 0
    const bStarted = deferred()
    queue.subscribe(fifo('f', { maxRetries: 2, concurrency: 3 }), async (m) => {
      const { group = 'default', n } = m.data as Item
      inFlight.set(group, (inFlight.get(group) ?? 0) + 1)
      maxPerGroup = Math.max(maxPerGroup, inFlight.get(group)!)
      if (group === 'b') bStarted.resolve()
      // Group a waits for group b: if groups were serialized this would never finish.
      if (group === 'a' && n === 0) await bStarted.promise
      await new Promise((resolve) => setImmediate(resolve))
      inFlight.set(group, inFlight.get(group)! - 1)
      // A failing message blocks its group until its retry succeeds.
      if (n === 3 && m.attempts === 0) {
        log.push(`${group}:${n}:failed`)
        throw new Error('retry me')
      }
      log.push(`${group}:${n}`)
    })
    await queue.start()
    const messages = []
    for (let n = 0; n < 8; n++) {
      for (const group of ['a', 'b', undefined]) messages.push(message('f', { group, n }, group ? { messageGroupId: group } : {}))
    }
    await queue.enqueue(messages)
    await log.until((items) => items.filter((i) => !i.endsWith('failed')).length === 24)
    for (const group of ['a', 'b', 'default']) {
      const expected = [0, 1, 2, '3:failed', 3, 4, 5, 6, 7].map((n) => `${group}:${n}`)
      expect(log.items.filter((i) => i.startsWith(`${group}:`))).toEqual(expected)
    }
    expect(maxPerGroup).toBe(1)
  })

  test('fifo order holds across separate enqueue calls', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<number>()
    queue.subscribe(fifo('f'), async (m) => seen.push(m.data as number))
    await queue.start()
    await Promise.all([...Array(50).keys()].map((n) => queue.enqueue([message('f', n, { messageGroupId: 'g' })])))
    await seen.count(50)
    expect(seen.items).toEqual([...Array(50).keys()])
  })

  for (const [label, subscription, groups] of [
    ['standard', standard('s', { concurrency: 3 }), 1],
    ['fifo', fifo('s', { concurrency: 3 }), 6],
  ] as const) {
    test(`a ${label} subscription never has more than concurrency messages in flight`, async () => {
      const queue = open(tempDir())
      const done = new Recorder<QueueMessage>()
      let inFlight = 0
      let maxInFlight = 0
      queue.subscribe(subscription, async (m) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight)
        await new Promise((resolve) => setTimeout(resolve, 2))
        inFlight--
        done.push(m)
      })
      await queue.start()
      await queue.enqueue([...Array(30).keys()].map((n) => message('s', n, { messageGroupId: `g${n % groups}` })))
      await done.count(30)
      expect(maxInFlight).toBe(3)
    })
  }

  test('a burst of 3000 messages is delivered exactly once each', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<number>()
    queue.subscribe(standard('s', { concurrency: 64 }), async (m) => seen.push(m.data as number))
    await queue.start()
    await Promise.all([...Array(30).keys()].map((b) => queue.enqueue([...Array(100).keys()].map((i) => message('s', b * 100 + i)))))
    await seen.count(3000)
    await queue.close(1000)
    expect([...seen.items].sort((a, b) => a - b)).toEqual([...Array(3000).keys()])
  })
}
