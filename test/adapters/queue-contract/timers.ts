// Contract cases for the one delay timer: a later enqueue must never strand an earlier delay or retry
// (Motia v0.x bug: scheduleProcessing replaced the pending timer, motia-v0-behaviour.md §4.4 and §10).
// A stranded message is never delivered, so these tests would time out rather than fail fast.
import { expect } from 'vitest'
import type { QueueMessage } from '../../../src/adapters/queue.js'
import { Recorder, message, standard, type CaseContext } from './helpers.js'

export function timerCases({ test, open, tempDir }: CaseContext): void {
  test('a retry pending when newer messages arrive (immediate and later) is still delivered', async () => {
    const queue = open(tempDir(), { backoff: { baseMs: 40, maxMs: 40 } })
    const seen = new Recorder<QueueMessage>()
    queue.subscribe(standard('s', { maxRetries: 1 }), async (m) => {
      seen.push(m)
      if (m.data === 'retry-me' && m.attempts === 0) {
        // By the next macrotask the failure below is recorded and its retry timer armed.
        setImmediate(() => void queue.enqueue([message('s', 'immediate'), message('s', 'far', { delayMs: 60_000 })]))
        throw new Error('first attempt fails')
      }
    })
    await queue.start()
    await queue.enqueue([message('s', 'retry-me')])
    await seen.until((items) => items.some((m) => m.data === 'retry-me' && m.attempts === 1) && items.some((m) => m.data === 'immediate'))
    expect(seen.items.map((m) => `${m.data}#${m.attempts}`).sort()).toEqual(['immediate#0', 'retry-me#0', 'retry-me#1'])
  })

  test('a delayed message survives later enqueues with shorter and longer delays', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s'), async (m) => seen.push(m.data))
    await queue.start()
    await queue.enqueue([message('s', 'middle', { delayMs: 60 })])
    await queue.enqueue([message('s', 'far', { delayMs: 60_000 })])
    await queue.enqueue([message('s', 'soon', { delayMs: 10 })])
    await queue.enqueue([message('s', 'now')])
    await seen.count(3)
    expect([...seen.items].sort()).toEqual(['middle', 'now', 'soon'])
  })

  test('many retries and delays interleaved all arrive', async () => {
    const queue = open(tempDir(), { backoff: { baseMs: 2, maxMs: 8 } })
    const done = new Recorder<unknown>()
    queue.subscribe(standard('s', { maxRetries: 3, concurrency: 4 }), async (m) => {
      const { n } = m.data as { n: number }
      if (m.attempts < n % 4) throw new Error('not yet')
      done.push(n)
    })
    await queue.start()
    for (let n = 0; n < 40; n++) await queue.enqueue([message('s', { n }, { delayMs: (n * 7) % 30 })])
    await done.count(40)
    expect([...(done.items as number[])].sort((a, b) => a - b)).toEqual([...Array(40).keys()])
  })
}
