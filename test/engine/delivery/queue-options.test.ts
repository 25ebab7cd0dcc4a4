import { describe, expect, it } from 'vitest'
import { MemoryQueue } from '../../../src/engine/delivery/index.js'
import type { Subscription } from '../../../src/adapters/queue.js'

const subscription: Subscription = { stepName: 's', type: 'standard', maxRetries: 0, concurrency: 1 }
const handler = async () => {}

describe('local queue input checks', () => {
  it('rejects bad constructor options, naming option, value and type', () => {
    expect(() => new MemoryQueue({ backoff: { baseMs: -5, maxMs: 10 } })).toThrow('Expected the `backoff.baseMs` option to be a non-negative number, got `-5` (number).')
    expect(() => new MemoryQueue({ onError: 'log' as unknown as () => void })).toThrow('Expected the `onError` option to be a function, got `"log"` (string).')
    expect(() => new MemoryQueue({ onDeadLetter: 1 as unknown as () => void })).toThrow('Expected the `onDeadLetter` option to be a function, got `1` (number).')
    expect(() => new MemoryQueue({ onWarning: true as unknown as () => void })).toThrow('Expected the `onWarning` option to be a function, got `true` (boolean).')
  })

  it('rejects bad subscriptions', () => {
    const queue = new MemoryQueue()
    const cases: [Partial<Subscription>, string][] = [
      [{ stepName: '' }, 'Expected `subscription.stepName` to be a non-empty string, got `""` (string).'],
      [{ type: 'lifo' as 'fifo' }, 'Expected `subscription.type` of step "s" to be "standard" or "fifo", got `"lifo"` (string).'],
      [{ maxRetries: -1 }, 'Expected `subscription.maxRetries` of step "s" to be an integer >= 0, got `-1` (number).'],
      [{ maxRetries: 1.5 }, 'Expected `subscription.maxRetries` of step "s" to be an integer >= 0, got `1.5` (number).'],
      [{ concurrency: 0 }, 'Expected `subscription.concurrency` of step "s" to be an integer >= 1, got `0` (number).'],
      [{ concurrency: undefined }, 'Expected `subscription.concurrency` of step "s" to be an integer >= 1, got `undefined` (undefined).'],
    ]
    for (const [change, text] of cases) {
      expect(() => queue.subscribe({ ...subscription, ...change }, handler)).toThrow(text)
    }
    expect(() => queue.subscribe(subscription, null as unknown as typeof handler)).toThrow('Expected the handler of step "s" to be a function, got `null` (object).')
  })

  it('rejects bad messages without storing any of the batch', async () => {
    const queue = new MemoryQueue()
    const good = { topic: 't', stepName: 's', data: 1, traceId: 'x' }
    const cases: [object, string][] = [
      [{ stepName: undefined }, 'Expected a message `stepName` to be a non-empty string, got `undefined` (undefined).'],
      [{ topic: 3 }, 'Expected the `topic` of a message for step "s" to be a string, got `3` (number).'],
      [{ traceId: null }, 'Expected the `traceId` of a message for step "s" to be a string, got `null` (null).'],
      [{ delayMs: -1 }, 'Expected the `delayMs` of a message for step "s" to be a non-negative number, got `-1` (number).'],
      [{ delayMs: Infinity }, 'Expected the `delayMs` of a message for step "s" to be a non-negative number, got `Infinity` (number).'],
      [{ messageGroupId: 7 }, 'Expected the `messageGroupId` of a message for step "s" to be a string, got `7` (number).'],
    ]
    for (const [change, text] of cases) {
      await expect(queue.enqueue([good, { ...good, ...change } as typeof good])).rejects.toThrow(text)
    }
    const seen: unknown[] = []
    queue.subscribe(subscription, async (m) => void seen.push(m.data))
    await queue.enqueue([{ ...good, data: 'after', messageGroupId: null as unknown as string }])
    await queue.start()
    await queue.close(1000)
    expect(seen).toEqual(['after'])
  })
})
