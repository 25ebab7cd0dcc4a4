// Emits to a standard step are committed in groups (src/adapters/redis/job-batcher.ts): one BullMQ job carries the
// messages emitted while the previous add was on its way. Each message still lives on its own: delivered once,
// retried alone, dead-lettered alone, charged alone when its node dies.
import { randomUUID } from 'node:crypto'
import { Queue as BullQueue } from 'bullmq'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DeadLetter, QueueMessage } from '../../../src/adapters/queue.js'
import type { BullmqQueue, BullmqQueueOptions } from '../../../src/adapters/redis/bullmq-queue.js'
import { eventQueueName } from '../../../src/adapters/redis/queue-names.js'
import { checkBackoffOptions } from '../../../src/engine/backoff.js'
import { deliveryPolicy } from '../../../src/engine/delivery/policy.js'
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js'
import { bullmqNode } from './bullmq-node.js'
import { Recorder, deferred, fifo, message, standard } from '../queue-contract/helpers.js'

let redis: RedisServer
const closing: { close(): Promise<unknown> }[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  await Promise.all(closing.splice(0).map((queue) => queue.close()))
})
afterAll(async () => {
  await redis?.close()
})

function node(prefix: string, extra: Partial<BullmqQueueOptions> = {}): BullmqQueue {
  const queue = bullmqNode(redis.url, prefix, extra)
  closing.push({ close: () => queue.close(0) })
  return queue
}

/** The jobs waiting in a step's queue, read with BullMQ itself. */
async function waitingJobs(prefix: string, stepName: string, partition?: number) {
  const queue = new BullQueue(eventQueueName('test.topic', stepName, partition), { connection: { url: redis.url }, prefix })
  closing.push(queue)
  return queue.getJobs(['waiting'])
}

const burst = (queue: BullmqQueue, stepName: string, n: number) => Promise.all([...Array(n).keys()].map((i) => queue.enqueue([message(stepName, i)])))
const sorted = (items: unknown[]) => [...items].sort((a, b) => Number(a) - Number(b))

describe('BullmqQueue commits emits in groups', () => {
  it('stores a burst of separate emits in fewer jobs, and delivers each message once', async () => {
    const prefix = `batches-${randomUUID()}`
    const queue = node(prefix)
    queue.subscribe(standard('s', { concurrency: 256 }), async () => {})
    await burst(queue, 's', 100)
    const jobs = await waitingJobs(prefix, 's')
    const carried = jobs.flatMap((job) => (Array.isArray(job.data.batch) ? job.data.batch : [job.data])) as QueueMessage[]
    expect(sorted(carried.map((m) => m.data))).toEqual([...Array(100).keys()])
    // The first emit leaves at once, alone; the rest waited for it and left together.
    expect(jobs.length).toBeLessThan(100)
    expect(jobs.some((job) => Array.isArray(job.data.batch) && job.data.batch.length > 1)).toBe(true)

    const seen = new Recorder<QueueMessage>()
    const handled = node(prefix)
    handled.subscribe(standard('s', { concurrency: 256 }), async (m) => seen.push(m))
    await handled.start()
    await seen.count(100)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(sorted(seen.items.map((m) => m.data))).toEqual([...Array(100).keys()])
    // Each message keeps its own identity: its id, attempts and trace.
    expect(new Set(seen.items.map((m) => m.id)).size).toBe(100)
    expect(seen.items.every((m) => m.attempts === 0 && m.traceId === 'trace-1' && m.stepName === 's' && m.topic === 'test.topic')).toBe(true)
  })

  it('groups at most an eighth of the step concurrency, and keeps a step of concurrency under 16 one message per job', async () => {
    const prefix = `batches-${randomUUID()}`
    const queue = node(prefix)
    queue.subscribe(standard('wide', { concurrency: 32 }), async () => {})
    queue.subscribe(standard('narrow', { concurrency: 15 }), async () => {})
    await Promise.all([burst(queue, 'wide', 60), burst(queue, 'narrow', 30)])
    const wide = await waitingJobs(prefix, 'wide')
    expect(Math.max(...wide.map((job) => (Array.isArray(job.data.batch) ? job.data.batch.length : 1)))).toBe(4)
    expect(wide.flatMap((job) => (Array.isArray(job.data.batch) ? job.data.batch : [job.data]))).toHaveLength(60)
    const narrow = await waitingJobs(prefix, 'narrow')
    expect(narrow).toHaveLength(30)
    expect(narrow.every((job) => !Array.isArray(job.data.batch))).toBe(true)
  })

  it('fetches no more messages than the step can run: a node busy with its concurrency leaves the rest to the others', async () => {
    const prefix = `batches-${randomUUID()}`
    const producer = node(prefix)
    producer.subscribe(standard('s', { concurrency: 32 }), async () => {})
    await burst(producer, 's', 200)
    const release = deferred()
    const running = new Recorder<number>()
    const busy = node(prefix)
    busy.subscribe(standard('s', { concurrency: 32 }), async (m) => {
      running.push(m.data as number)
      await release.promise
    })
    await busy.start()
    await running.count(32)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const waiting = (await waitingJobs(prefix, 's')).reduce((sum, job) => sum + (Array.isArray(job.data.batch) ? job.data.batch.length : 1), 0)
    // 32 running, and at most the rest of the last group taken (groups of 4 here): the others wait in Redis.
    expect(waiting).toBeGreaterThanOrEqual(200 - 32 - 3)
    const other = new Recorder<number>()
    const idle = node(prefix)
    idle.subscribe(standard('s', { concurrency: 32 }), async (m) => other.push(m.data as number))
    await idle.start()
    await other.count(waiting)
    release.resolve()
    await running.count(200 - waiting)
    expect(sorted([...running.items, ...other.items])).toEqual([...Array(200).keys()])
  })

  it('keeps a fifo step one message per job, and a delayed message a delayed job of its own', async () => {
    const prefix = `batches-${randomUUID()}`
    const queue = node(prefix)
    queue.subscribe(fifo('f', { concurrency: 256 }), async () => {})
    queue.subscribe(standard('d', { concurrency: 256 }), async () => {})
    await Promise.all([...Array(20).keys()].map((i) => queue.enqueue([message('f', i, { messageGroupId: 'g' })])))
    await Promise.all([...Array(5).keys()].map((i) => queue.enqueue([message('d', i, { delayMs: 60_000 })])))
    const partition = deliveryPolicy(checkBackoffOptions({ baseMs: 5, maxMs: 20 })).fifoPartition('g')
    const fifoJobs = await waitingJobs(prefix, 'f', partition)
    expect(fifoJobs).toHaveLength(20)
    expect(fifoJobs.every((job) => !Array.isArray(job.data.batch))).toBe(true)
    const delayed = new BullQueue(eventQueueName('test.topic', 'd'), { connection: { url: redis.url }, prefix })
    closing.push(delayed)
    const delayedJobs = await delayed.getJobs(['delayed'])
    expect(delayedJobs).toHaveLength(5)
    expect(delayedJobs.every((job) => !Array.isArray(job.data.batch))).toBe(true)
  })

  it('retries a failed message of a batch alone: the others are delivered once', async () => {
    const prefix = `batches-${randomUUID()}`
    const seen = new Recorder<QueueMessage>()
    const queue = node(prefix)
    queue.subscribe(standard('s', { maxRetries: 2, concurrency: 256 }), async (m) => {
      seen.push(m)
      if (m.data === 7 && m.attempts === 0) throw new Error('first try fails')
    })
    await burst(queue, 's', 20)
    await queue.start()
    await seen.count(21)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(seen.items).toHaveLength(21)
    const sevens = seen.items.filter((m) => m.data === 7)
    expect(sevens.map((m) => m.attempts)).toEqual([0, 1])
    expect(sevens[0]!.id).toBe(sevens[1]!.id)
    expect(sorted(seen.items.filter((m) => m.data !== 7).map((m) => m.data))).toEqual([...Array(20).keys()].filter((n) => n !== 7))
  })

  it('dead-letters a message of a batch that fails every time, alone, after maxRetries + 1 attempts', async () => {
    const prefix = `batches-${randomUUID()}`
    const dead = new Recorder<DeadLetter>()
    const seen = new Recorder<QueueMessage>()
    const queue = node(prefix, { onDeadLetter: dead.push })
    queue.subscribe(standard('s', { maxRetries: 1, concurrency: 256 }), async (m) => {
      seen.push(m)
      if (m.data === 3) throw new Error('always fails')
    })
    await burst(queue, 's', 10)
    await queue.start()
    await dead.count(1)
    expect(dead.items[0]).toMatchObject({ stepName: 's', data: 3, attempts: 2, error: { message: 'always fails' } })
    expect(seen.items.filter((m) => m.data === 3)).toHaveLength(2)
    expect(seen.items.filter((m) => m.data !== 3)).toHaveLength(9)
    expect(await queue.listDeadLetters()).toHaveLength(1)
  })

  it('charges every message of a batch whose node died one attempt, and another node delivers each again', async () => {
    const prefix = `batches-${randomUUID()}`
    const dying = node(prefix)
    const holding = new Recorder<QueueMessage>()
    dying.subscribe(standard('s', { maxRetries: 2, concurrency: 256 }), async (m) => {
      holding.push(m)
      return new Promise<never>(() => {})
    })
    await burst(dying, 's', 10)
    await dying.start()
    await holding.count(10)
    // close(0) abandons the handlers: their job's lock is no longer renewed, as when the process is killed.
    await dying.close(0)
    const seen = new Recorder<QueueMessage>()
    const survivor = node(prefix)
    const allSeen = deferred()
    survivor.subscribe(standard('s', { maxRetries: 2, concurrency: 256 }), async (m) => {
      seen.push(m)
      if (seen.items.length === 10) allSeen.resolve()
    })
    await survivor.start()
    await allSeen.promise
    expect(sorted(seen.items.map((m) => m.data))).toEqual([...Array(10).keys()])
    expect(seen.items.every((m) => m.attempts === 1)).toBe(true)
    expect(new Set(seen.items.map((m) => m.id))).toEqual(new Set(holding.items.map((m) => m.id)))
  })
})
