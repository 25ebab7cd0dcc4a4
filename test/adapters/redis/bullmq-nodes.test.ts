// Several BullmqQueue instances on one Redis are several nodes of one app: what they share, and what a dead node leaves.
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DeadLetter, QueueMessage } from '../../../src/adapters/queue.js'
import type { BullmqQueue, BullmqQueueOptions } from '../../../src/adapters/redis/bullmq-queue.js'
import { checkBackoffOptions } from '../../../src/engine/backoff.js'
import { deliveryPolicy } from '../../../src/engine/delivery/policy.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { bullmqNode } from './bullmq-node.js'
import { Recorder, deferred, fifo, message, standard } from '../queue-contract/helpers.js'

let redis: RedisServer
const queues: BullmqQueue[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close(0)))
})
afterAll(async () => {
  await redis?.close()
})

/** One node of the app `prefix`. */
function node(prefix: string, extra: Partial<BullmqQueueOptions> = {}): BullmqQueue {
  const queue = bullmqNode(redis.url, prefix, extra)
  queues.push(queue)
  return queue
}

const appPrefix = () => `nodes-${randomUUID()}`
const never = () => new Promise<never>(() => {})

describe('BullmqQueue nodes sharing one Redis', () => {
  it('hands each message of a burst to exactly one node, and both nodes take part', async () => {
    const prefix = appPrefix()
    const [a, b] = [node(prefix), node(prefix)]
    const seen = new Recorder<{ node: string; n: number }>()
    const bothWorking = deferred()
    const started = new Set<string>()
    for (const [name, queue] of [['a', a], ['b', b]] as const) {
      queue.subscribe(standard('s', { concurrency: 2 }), async (m) => {
        started.add(name)
        if (started.size === 2) bothWorking.resolve()
        // Neither node finishes anything before the other has started: one node taking every job would hang here.
        await bothWorking.promise
        seen.push({ node: name, n: m.data as number })
      })
      await queue.start()
    }
    await a.enqueue([...Array(200).keys()].map((n) => message('s', n)))
    await seen.count(200)
    expect(seen.items.map((item) => item.n).sort((x, y) => x - y)).toEqual([...Array(200).keys()])
    expect(new Set(seen.items.map((item) => item.node))).toEqual(new Set(['a', 'b']))
  })

  it('keeps fifo order per group across two nodes, one message of a group in flight at a time', async () => {
    const prefix = appPrefix()
    const log = new Recorder<string>()
    const inFlight = new Map<string, number>()
    let maxPerGroup = 0
    for (const name of ['a', 'b']) {
      const queue = node(prefix)
      queue.subscribe(fifo('f', { maxRetries: 1, concurrency: 4 }), async (m) => {
        const { group, n } = m.data as { group: string; n: number }
        inFlight.set(group, (inFlight.get(group) ?? 0) + 1)
        maxPerGroup = Math.max(maxPerGroup, inFlight.get(group)!)
        await new Promise((resolve) => setTimeout(resolve, 1))
        inFlight.set(group, inFlight.get(group)! - 1)
        if (n === 5 && m.attempts === 0) throw new Error('retried in place: the group waits for it')
        log.push(`${group}:${n}:${name}`)
      })
      await queue.start()
    }
    const groups = ['alpha', 'beta', 'gamma', 'delta']
    const messages = [...Array(15).keys()].flatMap((n) => groups.map((group) => message('f', { group, n }, { messageGroupId: group })))
    await queues[0]!.enqueue(messages.slice(0, 30))
    await queues[1]!.enqueue(messages.slice(30))
    await log.count(60)
    for (const group of groups) {
      expect(log.items.filter((item) => item.startsWith(`${group}:`)).map((item) => Number(item.split(':')[1]))).toEqual([...Array(15).keys()])
    }
    expect(maxPerGroup).toBe(1)
  })

  it('a node that dies mid-delivery loses the job to another node once its lease expires, as an attempt', async () => {
    const prefix = appPrefix()
    const dying = node(prefix)
    const started = deferred<QueueMessage>()
    dying.subscribe(standard('s', { maxRetries: 2 }), async (m) => {
      started.resolve(m)
      return never()
    })
    await dying.start()
    await dying.enqueue([message('s', 'payload')])
    expect(await started.promise).toMatchObject({ attempts: 0 })
    // close(0) abandons the handler: its lock is no longer renewed, as when the process is killed.
    await dying.close(0)
    const survivor = node(prefix)
    const seen = new Recorder<QueueMessage>()
    survivor.subscribe(standard('s', { maxRetries: 2 }), async (m) => seen.push(m))
    await survivor.start()
    await seen.count(1)
    expect(seen.items[0]).toMatchObject({ data: 'payload', attempts: 1 })
  })

  it('a message that kills its node every time reaches the dead letters after maxRetries + 1 deliveries', async () => {
    const prefix = appPrefix()
    for (let run = 0; run < 2; run++) {
      const doomed = node(prefix)
      const started = deferred<QueueMessage>()
      doomed.subscribe(standard('s', { maxRetries: 1 }), async (m) => {
        started.resolve(m)
        return never()
      })
      await doomed.start()
      if (run === 0) await doomed.enqueue([message('s', 'poison', { traceId: 't-poison' })])
      expect(await started.promise).toMatchObject({ attempts: run })
      await doomed.close(0)
    }
    const dead = new Recorder<DeadLetter>()
    const last = node(prefix, { onDeadLetter: dead.push })
    let delivered = 0
    last.subscribe(standard('s', { maxRetries: 1 }), async () => {
      delivered++
    })
    await last.start()
    await dead.count(1)
    expect(delivered).toBe(0)
    expect(dead.items[0]).toMatchObject({
      stepName: 's',
      data: 'poison',
      traceId: 't-poison',
      attempts: 2,
      error: {
        type: 'DeliveryInterrupted',
        code: 'E_DELIVERY_INTERRUPTED',
        message: 'The process stopped 2 time(s) while this message was being handled (crash, kill or exit): moved to the dead letters after 2 attempts.',
        retryable: false,
      },
    })
  })

  it('a handler that outlives the lease keeps its job: BullMQ renews the lock while it runs', async () => {
    const prefix = appPrefix()
    const seen = new Recorder<string>()
    // A 2 s lease, renewed every second: room for a loaded machine's event-loop lag.
    for (const name of ['a', 'b']) {
      const queue = node(prefix, { leaseMs: 2_000 })
      queue.subscribe(standard('slow'), async (m) => {
        seen.push(`${name} start #${m.attempts}`)
        // Three leases long: without renewal the other node's stalled checker would take it over.
        await new Promise((resolve) => setTimeout(resolve, 6_000))
        seen.push('done')
      })
      await queue.start()
    }
    await queues[0]!.enqueue([message('slow', 1)])
    await seen.until((items) => items.includes('done'))
    await queues[0]!.enqueue([message('slow', 2)])
    await seen.until((items) => items.filter((item) => item === 'done').length === 2)
    expect(seen.items.filter((item) => item.includes('start'))).toHaveLength(2)
    expect(seen.items.filter((item) => item.includes('#1'))).toEqual([])
  }, 60_000)

  it('lists dead letters from any node; another node replays or discards them', async () => {
    const prefix = appPrefix()
    const dead = new Recorder<DeadLetter>()
    const a = node(prefix, { onDeadLetter: dead.push })
    const b = node(prefix)
    const released = new Set<unknown>()
    const handled = new Recorder<unknown>()
    a.subscribe(standard('s'), async (m) => {
      if (!released.has(m.data)) throw new Error(`no ${m.data}`)
      handled.push(m.data)
    })
    await a.start()
    await b.start()
    await b.enqueue([message('s', 'bad-1'), message('s', 'bad-2')])
    await dead.count(2)
    const fromB = await b.listDeadLetters()
    expect(fromB).toEqual(await a.listDeadLetters())
    expect(fromB.map((letter) => letter.data).sort()).toEqual(['bad-1', 'bad-2'])
    const [first, second] = fromB
    released.add(first!.data)
    expect(await b.replayDeadLetter(first!.id)).toBe(true)
    await handled.count(1)
    expect(handled.items).toEqual([first!.data])
    expect(await a.replayDeadLetter(first!.id)).toBe(false)
    expect(await a.discardDeadLetter(second!.id)).toBe(true)
    expect(await b.listDeadLetters()).toEqual([])
  })
})

describe('BullmqQueue when a step changes type while messages wait', () => {
  it('a step delivers what a node still running it with the other type stored (a rolling deploy)', async () => {
    const prefix = appPrefix()
    const old = node(prefix)
    old.subscribe(standard('s'), async () => {})
    old.subscribe(fifo('f'), async () => {})
    // Stored by a node that never started delivering: s on its one queue, f on a fifo partition.
    await old.enqueue([message('s', 'grouped', { messageGroupId: 'g' }), message('s', 'plain'), message('f', 'plain')])
    await old.close(0)

    const upgraded = node(prefix)
    const seen = new Recorder<string>()
    upgraded.subscribe(fifo('s'), async (m) => seen.push(`s ${m.data}`))
    upgraded.subscribe(standard('f'), async (m) => seen.push(`f ${m.data}`))
    await upgraded.start()
    await seen.count(3)
    expect(seen.items.sort()).toEqual(['f plain', 's grouped', 's plain'])
  })
})

describe('BullmqQueue carries out the policy it is given', () => {
  for (const subscribe of [standard, fifo]) {
    const type = subscribe('x').type
    it(`a ${type} retry waits exactly the delay the policy decided, and the attempt count follows the policy`, async () => {
      const calls: [number, number, string][] = []
      const queue = node(appPrefix(), {
        policy: {
          ...deliveryPolicy(checkBackoffOptions({ baseMs: 5, maxMs: 20 })),
          afterFailure: (previous: number, maxRetries: number, error: unknown) => {
            calls.push([previous, maxRetries, (error as Error).message])
            return previous === 0 ? { action: 'retry', attempts: 1, delayMs: 400 } : { action: 'dead-letter', attempts: previous + 1, error: { type: 'Error', message: 'no', retryable: true } }
          },
          afterInterruption: () => {
            throw new Error('no node died in this test')
          },
        },
      })
      const seen = new Recorder<{ message: QueueMessage; at: number }>()
      let failedAt = 0
      queue.subscribe(subscribe('s', { maxRetries: 7 }), async (m) => {
        seen.push({ message: m, at: Date.now() })
        if (m.attempts === 0) {
          failedAt = Date.now()
          throw new Error('first fails')
        }
      })
      await queue.start()
      await queue.enqueue([message('s', 'x', { messageGroupId: 'g' })])
      await seen.count(2)
      const retry = seen.items[1]!
      expect(retry.message.attempts).toBe(1)
      expect(retry.message.visibleAt).toBeGreaterThanOrEqual(failedAt + 400)
      expect(retry.at).toBeGreaterThanOrEqual(retry.message.visibleAt)
      expect(calls).toEqual([[0, 7, 'first fails']])
    })
  }
})

describe('BullmqQueue at start', () => {
  it('warns once about stored messages of a topic the step no longer subscribes to, and of a step gone', async () => {
    const prefix = appPrefix()
    const before = node(prefix)
    await before.enqueue([message('s', 1, { topic: 'old.topic' }), message('s', 2, { topic: 'old.topic' }), message('s', 3), message('gone', 4)])
    await before.close(0)
    const warnings = new Recorder<string>()
    const after = node(prefix, { onWarning: warnings.push })
    const seen = new Recorder<unknown>()
    after.subscribe(standard('s'), async (m) => seen.push(m.data))
    await after.start()
    await seen.count(1)
    expect(seen.items).toEqual([3])
    expect(warnings.items.sort()).toEqual([
      '1 stored message for step "gone" wait, but no step of that name subscribes (was it renamed or removed?). They are kept, and delivered once a step named "gone" subscribes.',
      '2 stored messages of topic "old.topic" for step "s" wait, but the step no longer subscribes to "old.topic". They are kept, and delivered once it subscribes to "old.topic" again.',
    ])
  })
})

describe('BullmqQueue fifo retries across a stop', () => {
  it('a node stopping while a fifo retry waits hands it back at the head of its group, with its attempt count', async () => {
    const prefix = appPrefix()
    const decided = deferred()
    const policy = {
      ...deliveryPolicy(checkBackoffOptions({ baseMs: 5, maxMs: 20 })),
      afterFailure: () => {
        decided.resolve()
        return { action: 'retry' as const, attempts: 1, delayMs: 1_500 }
      },
    }
    const first = node(prefix, { policy })
    first.subscribe(fifo('f', { maxRetries: 3 }), async (m) => {
      if (m.data === 'a') throw new Error('retry a later')
    })
    await first.start()
    await first.enqueue([message('f', 'a', { messageGroupId: 'g' }), message('f', 'b', { messageGroupId: 'g' })])
    await decided.promise
    await first.close(10_000)

    const second = node(prefix)
    const seen = new Recorder<{ message: QueueMessage; at: number }>()
    second.subscribe(fifo('f', { maxRetries: 3 }), async (m) => seen.push({ message: m, at: Date.now() }))
    await second.start()
    await seen.count(2)
    const [a, b] = seen.items
    // Not an interruption (attempts would be 2), and its delay still holds.
    expect(a!.message).toMatchObject({ data: 'a', attempts: 1 })
    expect(a!.at).toBeGreaterThanOrEqual(a!.message.visibleAt)
    expect(b!.message).toMatchObject({ data: 'b', attempts: 0 })
  })
})
