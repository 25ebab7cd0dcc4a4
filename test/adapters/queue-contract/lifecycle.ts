// Contract cases: start, subscribe later, close with a grace period, and what a restart finds.
import { expect } from 'vitest'
import type { DeadLetter, QueueMessage } from '../../../src/adapters/queue.js'
import { Recorder, deferred, fifo, message, standard, type CaseContext } from './helpers.js'

export function lifecycleCases({ test, open, tempDir }: CaseContext): void {
  test('messages wait for start(), and for a subscriber that comes later', async () => {
    const queue = open(tempDir())
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('early'), async (m) => seen.push(m.data))
    await queue.enqueue([message('early', 'e'), message('late', 'l')])
    await queue.start()
    await seen.count(1)
    queue.subscribe(standard('late'), async (m) => seen.push(m.data))
    await seen.count(2)
    expect(seen.items).toEqual(['e', 'l'])
  })

  test('after unsubscribe nothing is delivered until a new subscription, which may change the type', async () => {
    const queue = open(tempDir())
    const first = new Recorder<unknown>()
    const second = new Recorder<unknown>()
    queue.subscribe(standard('s'), async (m) => first.push(m.data))
    await queue.start()
    await queue.enqueue([message('s', 1)])
    await first.count(1)
    queue.unsubscribe('s')
    await queue.enqueue([message('s', 2, { messageGroupId: 'g' }), message('s', 3, { messageGroupId: 'g' })])
    queue.subscribe(fifo('s'), async (m) => second.push(m.data))
    await second.count(2)
    expect(first.items).toEqual([1])
    expect(second.items).toEqual([2, 3])
  })

  test('close() waits for handlers in flight within the grace period', async () => {
    const queue = open(tempDir())
    const started = deferred()
    const release = deferred()
    let finished = false
    queue.subscribe(standard('s'), async () => {
      started.resolve()
      await release.promise
      finished = true
    })
    await queue.start()
    await queue.enqueue([message('s', 1)])
    await started.promise
    const closed = queue.close(30_000)
    release.resolve()
    await closed
    expect(finished).toBe(true)
  })

  for (const graceMs of [Infinity, 2 ** 31]) {
    test(`close(${graceMs}) waits for handlers in flight, however long they take`, async () => {
      const queue = open(tempDir())
      const started = deferred()
      const release = deferred()
      queue.subscribe(standard('s'), async () => {
        started.resolve()
        await release.promise
      })
      await queue.start()
      await queue.enqueue([message('s', 1)])
      await started.promise
      let closed = false
      const closing = queue.close(graceMs).then(() => (closed = true))
      // setTimeout turns such a delay into 1 ms: give a wrong timer ample time to fire.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(closed).toBe(false)
      release.resolve()
      await closing
    })
  }

  test('close() gives up on a hung handler after the grace period, then refuses work', async () => {
    const queue = open(tempDir())
    const started = deferred()
    queue.subscribe(standard('s'), async () => {
      started.resolve()
      await new Promise(() => {})
    })
    await queue.start()
    await queue.enqueue([message('s', 1)])
    await started.promise
    await queue.close(20)
    await expect(queue.enqueue([message('s', 2)])).rejects.toMatchObject({ code: 'E_SHUTTING_DOWN' })
    await expect(queue.listDeadLetters()).rejects.toMatchObject({ code: 'E_SHUTTING_DOWN' })
    await expect(queue.start()).rejects.toMatchObject({ code: 'E_SHUTTING_DOWN' })
  })

  test('a restart delivers pending, delayed, retrying and unfinished messages, in fifo order', async () => {
    const dir = tempDir()
    const before = open(dir)
    const started = deferred()
    const failed = deferred()
    before.subscribe(standard('hung'), async () => {
      started.resolve()
      await new Promise(() => {})
    })
    // Every run before the restart fails; on a loaded machine a retry may run before close(), so count them.
    let flakyRuns = 0
    before.subscribe(standard('flaky', { maxRetries: 3 }), async () => {
      flakyRuns++
      failed.resolve()
      throw new Error('the runs before the restart fail')
    })
    await before.start()
    await before.enqueue([message('hung', 'h'), message('flaky', 'r')])
    await before.enqueue([...Array(20).keys()].map((n) => message('ordered', n, { messageGroupId: 'g' })))
    await before.enqueue([message('delayed', 'd', { delayMs: 30 }), message('pending', 'p')])
    await Promise.all([started.promise, failed.promise])
    await before.close(0)

    const after = open(dir)
    const seen = new Recorder<QueueMessage>()
    for (const name of ['hung', 'flaky', 'delayed', 'pending']) after.subscribe(standard(name, { maxRetries: 3 }), async (m) => seen.push(m))
    after.subscribe(fifo('ordered'), async (m) => seen.push(m))
    await after.start()
    await seen.count(24)
    const byStep = (step: string) => seen.items.filter((m) => m.stepName === step)
    expect(byStep('ordered').map((m) => m.data)).toEqual([...Array(20).keys()])
    expect(flakyRuns).toBeGreaterThanOrEqual(1)
    expect(byStep('flaky')).toMatchObject([{ data: 'r', attempts: flakyRuns }])
    // A handler that did not finish within close()'s grace counts as an interrupted, so failed, attempt.
    expect(byStep('hung')).toMatchObject([{ data: 'h', attempts: 1 }])
    expect(byStep('delayed').map((m) => m.data)).toEqual(['d'])
    expect(byStep('pending').map((m) => m.data)).toEqual(['p'])
  })

  test('dead letters survive a restart and can be replayed after it', async () => {
    const dir = tempDir()
    const dead = new Recorder<DeadLetter>()
    const before = open(dir, { onDeadLetter: dead.push })
    before.subscribe(standard('s'), async () => {
      throw new Error('always')
    })
    await before.start()
    await before.enqueue([message('s', { keep: true })])
    await dead.count(1)
    await before.close(0)

    const after = open(dir)
    const [letter] = await after.listDeadLetters()
    expect(letter).toEqual(dead.items[0])
    const seen = new Recorder<QueueMessage>()
    after.subscribe(standard('s'), async (m) => seen.push(m))
    await after.start()
    expect(await after.replayDeadLetter(letter!.id)).toBe(true)
    await seen.count(1)
    expect(seen.items[0]).toMatchObject({ data: { keep: true }, attempts: 0 })
  })

  const unsubscribed = (stepName: string, count: string) =>
    `${count} for step "${stepName}" wait, but no step of that name subscribes (was it renamed or removed?). They are kept, and delivered once a step named "${stepName}" subscribes.`

  test('messages no step subscribes to are reported once when the queue starts, and kept for a later subscriber', async () => {
    const warnings = new Recorder<string>()
    const queue = open(tempDir(), { onWarning: warnings.push })
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('here'), async (m) => seen.push(m.data))
    await queue.enqueue([message('nobody', 1), message('nobody', 2, { delayMs: 5 }), message('here', 'h')])
    expect(warnings.items).toEqual([])
    await queue.start()
    expect(warnings.items).toEqual([unsubscribed('nobody', '2 stored messages')])
    await queue.enqueue([message('nobody', 3)])
    await seen.count(1)
    queue.subscribe(standard('nobody'), async (m) => seen.push(m.data))
    await seen.count(4)
    expect(warnings.items).toHaveLength(1)
    expect(seen.items.slice(1).sort()).toEqual([1, 2, 3])
  })

  test('after a restart, messages of a step that no longer subscribes are kept and reported once', async () => {
    const dir = tempDir()
    const before = open(dir)
    await before.enqueue([message('removed', 'r1'), message('removed', 'r2'), message('kept', 'k')])
    await before.close(0)

    const warnings = new Recorder<string>()
    const after = open(dir, { onWarning: warnings.push })
    const seen = new Recorder<unknown>()
    after.subscribe(standard('kept'), async (m) => seen.push(m.data))
    await after.start()
    await seen.count(1)
    expect(warnings.items).toEqual([unsubscribed('removed', '2 stored messages')])
    await after.close(0)

    const back = open(dir)
    back.subscribe(standard('removed'), async (m) => seen.push(m.data))
    await back.start()
    await seen.count(3)
    expect(seen.items).toEqual(['k', 'r1', 'r2'])
  })
}
