// Contract cases: who gets a message, how often it is retried, and what a dead letter holds.
import { expect } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import type { DeadLetter, DeliveryHandler, QueueMessage } from '../../../src/adapters/queue.js'
import { Recorder, fifo, message, standard, type CaseContext } from './helpers.js'

class PaymentDeclined extends Error {
  override name = 'PaymentDeclined'
}

export function deliveryCases({ test, open, tempDir }: CaseContext): void {
  test('delivers each message once, to the subscriber it names', async () => {
    const queue = open(tempDir())
    const a = new Recorder<QueueMessage>()
    const b = new Recorder<QueueMessage>()
    queue.subscribe(standard('a'), async (m) => a.push(m))
    queue.subscribe(standard('b'), async (m) => b.push(m))
    await queue.start()
    await queue.enqueue([message('a', { n: 1 }, { messageGroupId: 'g' }), message('b', { n: 1 }), message('a', { n: 2 })])
    await Promise.all([a.count(2), b.count(1)])
    await queue.close(1000)
    expect(a.items.map((m) => m.data).sort((x, y) => (x as { n: number }).n - (y as { n: number }).n)).toEqual([{ n: 1 }, { n: 2 }])
    expect(b.items.map((m) => m.data)).toEqual([{ n: 1 }])
    const first = a.items.find((m) => (m.data as { n: number }).n === 1)!
    expect(first).toMatchObject({ topic: 'test.topic', stepName: 'a', traceId: 'trace-1', messageGroupId: 'g', attempts: 0 })
    expect(typeof first.id).toBe('string')
    expect(first.visibleAt).toBeGreaterThanOrEqual(first.createdAt)
    expect(new Set([...a.items, ...b.items].map((m) => m.id)).size).toBe(3)
  })

  for (const maxRetries of [0, 2]) {
    test(`maxRetries ${maxRetries} means ${maxRetries + 1} attempts, then a dead letter`, async () => {
      const dead = new Recorder<DeadLetter>()
      const queue = open(tempDir(), { onDeadLetter: dead.push })
      const attempts: number[] = []
      queue.subscribe(standard('pay', { maxRetries }), async (m) => {
        attempts.push(m.attempts)
        throw new PaymentDeclined('card declined')
      })
      await queue.start()
      await queue.enqueue([message('pay', { amount: 0 }, { messageGroupId: 'customer-1', traceId: 't-9' })])
      await dead.count(1)
      expect(attempts).toEqual([...Array(maxRetries + 1).keys()])
      const [letter] = await queue.listDeadLetters()
      expect(letter).toMatchObject({ stepName: 'pay', topic: 'test.topic', data: { amount: 0 }, traceId: 't-9', messageGroupId: 'customer-1', attempts: maxRetries + 1 })
      expect(letter!.error).toMatchObject({ type: 'PaymentDeclined', message: 'card declined', retryable: true })
      expect(letter!.failedAt).toBeTypeOf('number')
      expect(dead.items[0]).toEqual(letter)
    })
  }

  const nonRetryable: [string, () => Error][] = [
    ['a MotiaError with retryable: false', () => new MotiaError('E_UNDECLARED_EMIT', 'not declared', { retryable: false })],
    ['an error with retryable === false', () => Object.assign(new Error('bad input'), { retryable: false })],
    ['a RemoteError whose wire error is not retryable', () => new RemoteError({ type: 'ValueError', message: 'no', retryable: false })],
  ]
  for (const [label, makeError] of nonRetryable) {
    test(`${label} goes straight to the dead letters`, async () => {
      const dead = new Recorder<DeadLetter>()
      const queue = open(tempDir(), { onDeadLetter: dead.push })
      let calls = 0
      queue.subscribe(standard('s', { maxRetries: 5 }), async () => {
        calls++
        throw makeError()
      })
      await queue.start()
      await queue.enqueue([message('s', 1)])
      await dead.count(1)
      expect(calls).toBe(1)
      const expected = makeError()
      expect(dead.items[0]).toMatchObject({ attempts: 1, error: { type: expected.name, message: expected.message, retryable: false } })
    })
  }

  test('a handler may throw synchronously, return a non-promise, or reject with any value; the queue keeps going', async () => {
    const dead = new Recorder<DeadLetter>()
    const queue = open(tempDir(), { onDeadLetter: dead.push })
    const unprintable = Object.create(null) as object
    const throwsOnPrint = { toString: () => { throw new Error('no text') } }
    const bigWire = Object.assign(new Error('remote'), { wire: { type: 'X', message: 'remote', retryable: true, id: 1n } })
    const failures: Record<string, () => unknown> = {
      sync: () => { throw new PaymentDeclined('sync') },
      undefined: () => Promise.reject(undefined),
      null: () => Promise.reject(null),
      string: () => Promise.reject('just text'),
      unprintable: () => Promise.reject(unprintable),
      throwsOnPrint: () => Promise.reject(throwsOnPrint),
      bigWire: () => Promise.reject(bigWire),
    }
    const attempts: string[] = []
    const ok = new Recorder<unknown>()
    queue.subscribe(fifo('s', { maxRetries: 1 }), ((m: QueueMessage) => {
      const kind = m.data as string
      attempts.push(`${kind}#${m.attempts}`)
      if (kind === 'plain') return ok.push(kind)
      return failures[kind]!()
    }) as DeliveryHandler)
    await queue.start()
    // One fifo group: a failure that jammed its message in flight would block 'plain' for good.
    await queue.enqueue([...Object.keys(failures), 'plain'].map((kind) => message('s', kind, { messageGroupId: 'g' })))
    await Promise.all([ok.count(1), dead.count(Object.keys(failures).length)])
    expect(attempts).toEqual([...Object.keys(failures).flatMap((kind) => [`${kind}#0`, `${kind}#1`]), 'plain#0'])
    expect(dead.items.map((d) => [d.data, d.attempts, d.error.type])).toEqual(Object.keys(failures).map((kind) => [kind, 2, kind === 'sync' ? 'PaymentDeclined' : 'Error']))
    const errorOf = (kind: string) => dead.items.find((d) => d.data === kind)!.error
    expect(errorOf('undefined')).toEqual({ type: 'Error', message: 'undefined', retryable: true })
    expect(errorOf('null')).toEqual({ type: 'Error', message: 'null', retryable: true })
    expect(errorOf('string')).toEqual({ type: 'Error', message: 'just text', retryable: true })
    const unstorable = (why: string) => ({ type: 'Error', message: `The handler failed with a value that cannot be stored as an error (${why}): throw or reject with an Error.`, retryable: true })
    expect(errorOf('unprintable')).toEqual(unstorable('TypeError: Cannot convert object to primitive value'))
    expect(errorOf('throwsOnPrint')).toEqual(unstorable('Error: no text'))
    expect(errorOf('bigWire')).toEqual(unstorable('TypeError: Do not know how to serialize a BigInt'))
    expect(await queue.listDeadLetters()).toHaveLength(Object.keys(failures).length)
  })

  test('replay puts a dead letter back with attempts 0 and a new id; discard drops one', async () => {
    const dead = new Recorder<DeadLetter>()
    const queue = open(tempDir(), { onDeadLetter: dead.push })
    const seen = new Recorder<QueueMessage>()
    queue.subscribe(standard('s'), async (m) => {
      seen.push(m)
      if (seen.items.length <= 2) throw new Error(`fail ${m.data}`)
    })
    await queue.start()
    await queue.enqueue([message('s', 'x'), message('s', 'y')])
    await dead.count(2)
    const letters = await queue.listDeadLetters()
    expect(letters.map((l) => l.data).sort()).toEqual(['x', 'y'])
    const x = letters.find((l) => l.data === 'x')!
    const y = letters.find((l) => l.data === 'y')!
    expect(await queue.replayDeadLetter(x.id)).toBe(true)
    await seen.count(3)
    expect(seen.items[2]).toMatchObject({ data: 'x', attempts: 0, stepName: 's', topic: 'test.topic' })
    expect(seen.items[2]!.id).not.toBe(x.id)
    expect(await queue.replayDeadLetter(x.id)).toBe(false)
    expect(await queue.discardDeadLetter(y.id)).toBe(true)
    expect(await queue.discardDeadLetter(y.id)).toBe(false)
    expect(await queue.replayDeadLetter('no-such-id')).toBe(false)
    expect(await queue.listDeadLetters()).toEqual([])
  })

  test('a delayed message is not delivered before its visibleAt', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<{ message: QueueMessage; at: number }>()
    queue.subscribe(standard('s'), async (m) => seen.push({ message: m, at: Date.now() }))
    await queue.start()
    await queue.enqueue([message('s', 'late', { delayMs: 80 }), message('s', 'now')])
    await seen.count(2)
    expect(seen.items.map((d) => d.message.data)).toEqual(['now', 'late'])
    const late = seen.items[1]!
    expect(late.message.visibleAt).toBeGreaterThanOrEqual(late.message.createdAt + 80)
    expect(late.at).toBeGreaterThanOrEqual(late.message.visibleAt)
  })

  test('each delivery gets its own copy of the data: the emitter, other subscribers and failed attempts cannot change it', async () => {
    const queue = open(tempDir())
    const shared = { n: 1, list: [1], when: new Date(0) }
    await queue.enqueue([message('a', shared), message('b', shared)])
    // The emitter reuses its object once emit has resolved.
    shared.n = 99
    const seen = new Recorder<string>()
    queue.subscribe(standard('a', { maxRetries: 1 }), async (m) => {
      const data = m.data as typeof shared
      seen.push(`a#${m.attempts} ${JSON.stringify(data)}`)
      data.list.push(2)
      if (m.attempts === 0) throw new Error('retry with the data as it was')
    })
    await queue.start()
    await seen.count(2)
    queue.subscribe(standard('b'), async (m) => seen.push(`b ${JSON.stringify(m.data)}`))
    await seen.count(3)
    const stored = '{"n":1,"list":[1],"when":"1970-01-01T00:00:00.000Z"}'
    expect(seen.items).toEqual([`a#0 ${stored}`, `a#1 ${stored}`, `b ${stored}`])
  })

  test('data that JSON cannot hold is refused at enqueue, as it could not survive a restart', async () => {
    const queue = open(tempDir())
    const bad = message('bill', { id: 1n }, { topic: 'orders' })
    await expect(queue.enqueue([message('bill', 'fine'), bad])).rejects.toThrow(
      'Event data for topic "orders" (step "bill") cannot be stored as JSON (Do not know how to serialize a BigInt): emit plain JSON values (no BigInt, functions or cycles).',
    )
    await expect(queue.enqueue([bad])).rejects.toMatchObject({ code: 'E_NOT_SERIALIZABLE', retryable: false })
    // Other callers of the same tick share a commit, but not the failure.
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('bill'), async (m) => seen.push(m.data))
    await queue.start()
    const results = await Promise.allSettled([queue.enqueue([message('bill', 1)]), queue.enqueue([bad]), queue.enqueue([message('bill', 2)])])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    await seen.count(2)
    expect(seen.items.sort()).toEqual([1, 2])
  })

  test('falsy and nested data arrive unchanged', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s', { concurrency: 1 }), async (m) => seen.push(m.data))
    await queue.start()
    const values = [0, false, '', null, { a: [1, { b: 'c' }] }, 'text']
    await queue.enqueue(values.map((v) => message('s', v)))
    await seen.count(values.length)
    expect(seen.items).toEqual(values)
  })
}
