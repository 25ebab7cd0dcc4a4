// Shared by the queue contract cases: temp dirs, queue bookkeeping, and event-driven waits (no sleeps).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, it } from 'vitest'
import type { DeadLetter, NewMessage, Queue, Subscription } from '../../../src/adapters/queue.js'

export interface QueueTestOptions {
  backoff: { baseMs: number; maxMs: number }
  onDeadLetter?: (deadLetter: DeadLetter) => void
  onWarning?: (message: string) => void
}

export type CreateQueue = (dir: string, options: QueueTestOptions) => Queue

export interface Skip {
  reason: string
  tests: string[]
}

/** What every case file gets: `test` honours the declared skips; `open` tracks queues for cleanup. */
export interface CaseContext {
  test: (title: string, fn: () => Promise<void>) => void
  open: (dir: string, options?: Partial<QueueTestOptions>) => Queue
  tempDir: () => string
}

export const FAST_BACKOFF = { baseMs: 5, maxMs: 20 }

export function caseContext(create: CreateQueue, skips: Skip[] = []): CaseContext {
  const queues: Queue[] = []
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close(0)))
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return {
    test(title, fn) {
      const skip = skips.find((s) => s.tests.includes(title))
      if (skip) it.skip(`${title} (skipped: ${skip.reason})`, fn)
      else it(title, fn)
    },
    open(dir, options = {}) {
      const queue = create(dir, { backoff: FAST_BACKOFF, onWarning: () => {}, ...options })
      queues.push(queue)
      return queue
    },
    tempDir() {
      const dir = mkdtempSync(join(tmpdir(), 'motia-queue-'))
      dirs.push(dir)
      return dir
    },
  }
}

export const standard = (stepName: string, extra: Partial<Subscription> = {}): Subscription => ({
  stepName,
  topics: ['test.topic'],
  type: 'standard',
  maxRetries: 0,
  concurrency: 10,
  ...extra,
})

export const fifo = (stepName: string, extra: Partial<Subscription> = {}): Subscription => ({
  stepName,
  topics: ['test.topic'],
  type: 'fifo',
  maxRetries: 0,
  concurrency: 10,
  ...extra,
})

export const message = (stepName: string, data: unknown, extra: Partial<NewMessage> = {}): NewMessage => ({
  topic: 'test.topic',
  stepName,
  data,
  traceId: 'trace-1',
  ...extra,
})

/** Items pushed by handlers; `until` resolves as soon as a predicate over them holds. */
export class Recorder<T> {
  readonly items: T[] = []
  private waiters: { check: (items: T[]) => boolean; resolve: () => void }[] = []

  push = (item: T): void => {
    this.items.push(item)
    this.waiters = this.waiters.filter((waiter) => (waiter.check(this.items) ? (waiter.resolve(), false) : true))
  }

  until(check: (items: T[]) => boolean): Promise<void> {
    if (check(this.items)) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ check, resolve }))
  }

  count(n: number): Promise<void> {
    return this.until((items) => items.length >= n)
  }
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
