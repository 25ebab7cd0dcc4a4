// A SQLite backlog larger than the memory window: read in pages, in order, with nothing lost or delivered twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeadLetter, QueueMessage } from '../../../src/adapters/queue.js'
import { DATABASE_FILE } from '../../../src/adapters/sqlite/index.js'
import { SqliteQueue } from '../../../src/engine/delivery/index.js'
import { Recorder, deferred, fifo, message, standard } from '../../adapters/queue-contract/helpers.js'

const WINDOW = 4
const BACKLOG = 30

describe('SqliteQueue with a backlog beyond its memory window', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'motia-paging-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    return dir
  }
  const open = (dir: string, options: { onDeadLetter?: (letter: DeadLetter) => void } = {}) => {
    const queue = new SqliteQueue(dir, { memoryWindow: WINDOW, backoff: { baseMs: 1, maxMs: 5 }, ...options })
    cleanups.push(() => queue.close(0))
    return queue
  }

  // A previous run's backlog: `count` messages for `step`, stored, none delivered.
  async function backlog(dir: string, step: string, count: number, group?: string) {
    const queue = new SqliteQueue(dir)
    await queue.enqueue([...Array(count).keys()].map((n) => message(step, n, group ? { messageGroupId: group } : {})))
    await queue.close(0)
  }

  // Records deliveries and the most messages the queue held in memory while delivering.
  function recorder(queue: SqliteQueue) {
    const seen = new Recorder<QueueMessage>()
    let mostHeld = 0
    const handler = async (m: QueueMessage) => {
      mostHeld = Math.max(mostHeld, queue.heldMessages)
      seen.push(m)
    }
    return { seen, handler, mostHeld: () => mostHeld }
  }

  it('delivers a backlog page by page, in enqueue order, holding at most the window in memory', async () => {
    const dir = tempDir()
    await backlog(dir, 's', BACKLOG)
    const queue = open(dir)
    const { seen, handler, mostHeld } = recorder(queue)
    queue.subscribe(standard('s', { concurrency: 1 }), handler)
    await queue.start()
    await seen.count(BACKLOG)
    expect(seen.items.map((m) => m.data)).toEqual([...Array(BACKLOG).keys()])
    expect(mostHeld()).toBeLessThanOrEqual(WINDOW)
  })

  it('keeps fifo order within a group across pages, with groups in parallel', async () => {
    const dir = tempDir()
    await backlog(dir, 'f', BACKLOG, 'a')
    await backlog(dir, 'f', BACKLOG, 'b')
    const queue = open(dir)
    const { seen, handler, mostHeld } = recorder(queue)
    queue.subscribe(fifo('f', { concurrency: 8 }), handler)
    await queue.start()
    await seen.count(2 * BACKLOG)
    for (const group of ['a', 'b']) {
      expect(seen.items.filter((m) => m.messageGroupId === group).map((m) => m.data)).toEqual([...Array(BACKLOG).keys()])
    }
    expect(mostHeld()).toBeLessThanOrEqual(WINDOW)
  })

  it('new enqueues wait behind the paged-out backlog, so fifo order holds', async () => {
    const dir = tempDir()
    await backlog(dir, 'f', BACKLOG, 'g')
    const queue = open(dir)
    const gate = deferred()
    const seen = new Recorder<unknown>()
    queue.subscribe(fifo('f'), async (m) => {
      await gate.promise
      seen.push(m.data)
    })
    await queue.start()
    await queue.enqueue([...Array(5).keys()].map((n) => message('f', BACKLOG + n, { messageGroupId: 'g' })))
    expect(queue.heldMessages).toBe(WINDOW)
    gate.resolve()
    await seen.count(BACKLOG + 5)
    expect(seen.items).toEqual([...Array(BACKLOG + 5).keys()])
  })

  it('a restart in the middle of the backlog delivers the rest once, and nothing acknowledged again', async () => {
    const dir = tempDir()
    await backlog(dir, 's', BACKLOG)
    const first = open(dir)
    const firstRun = new Recorder<unknown>()
    first.subscribe(standard('s', { concurrency: 1 }), async (m) => firstRun.push(m.data))
    await first.start()
    await firstRun.count(BACKLOG / 2)
    await first.close(1_000)

    const second = open(dir)
    const secondRun = new Recorder<unknown>()
    second.subscribe(standard('s', { concurrency: 1 }), async (m) => secondRun.push(m.data))
    await second.start()
    await secondRun.count(BACKLOG - firstRun.items.length)
    await second.close(1_000)
    expect([...firstRun.items, ...secondRun.items]).toEqual([...Array(BACKLOG).keys()])
  })

  it('a delivery interrupted in a previous run counts as a failed attempt when its page is read', async () => {
    const dir = tempDir()
    await backlog(dir, 's', BACKLOG)
    // The process died while message 20 (on a later page) was being delivered: a start counted, no result.
    const db = new Database(join(dir, DATABASE_FILE))
    db.prepare("UPDATE queue_messages SET deliveries = 1 WHERE json_extract(data, '$') = 20").run()
    db.close()
    const dead = new Recorder<DeadLetter>()
    const queue = open(dir, { onDeadLetter: dead.push })
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s', { concurrency: 1, maxRetries: 0 }), async (m) => seen.push(m.data))
    await queue.start()
    await seen.count(BACKLOG - 1)
    await dead.count(1)
    expect(seen.items).toEqual([...Array(BACKLOG).keys()].filter((n) => n !== 20))
    expect(dead.items[0]).toMatchObject({ data: 20, attempts: 1, error: { code: 'E_DELIVERY_INTERRUPTED' } })
  })

  it('draining a backlog lets the event loop run I/O in between (it is not one unbroken chain of microtasks)', async () => {
    const dir = tempDir()
    await backlog(dir, 's', 3000)
    const queue = new SqliteQueue(dir)
    cleanups.push(() => queue.close(0))
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s', { concurrency: 256 }), async (m) => seen.push(m.data))
    await queue.start()
    // A check-phase callback (where I/O callbacks have just run) comes while most of the backlog still waits.
    const deliveredAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(seen.items.length)))
    expect(deliveredAtNextTurn).toBeLessThan(3000)
    await seen.count(3000)
  })

  it('a window full of messages nobody subscribes to does not hold back those of a subscribed step', async () => {
    const dir = tempDir()
    const warnings = new Recorder<string>()
    const queue = new SqliteQueue(dir, { memoryWindow: WINDOW, onWarning: warnings.push })
    cleanups.push(() => queue.close(0))
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s'), async (m) => seen.push(m.data))
    await queue.start()
    await queue.enqueue([...Array(WINDOW + 3).keys()].map((n) => message('gone', n)))
    await queue.enqueue([message('s', 'delivered')])
    await seen.count(1)
    expect(seen.items).toEqual(['delivered'])
    expect(queue.heldMessages).toBeLessThanOrEqual(WINDOW)
  })

  it('a database made before paging (seq without AUTOINCREMENT) is migrated with its messages and their order', async () => {
    const dir = tempDir()
    const db = new Database(join(dir, DATABASE_FILE))
    db.exec(`CREATE TABLE queue_messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, step_name TEXT NOT NULL, topic TEXT NOT NULL,
      data TEXT, trace_id TEXT NOT NULL, message_group_id TEXT, attempts INTEGER NOT NULL, visible_at INTEGER NOT NULL, created_at INTEGER NOT NULL)`)
    const insert = db.prepare("INSERT INTO queue_messages VALUES (?, ?, 's', 't', ?, 'tr', NULL, 0, 0, 0)")
    for (let n = 0; n < 10; n++) insert.run(n + 1, `id-${n}`, JSON.stringify(n))
    db.close()
    const queue = open(dir)
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s', { concurrency: 1 }), async (m) => seen.push(m.data))
    await queue.start()
    await seen.count(10)
    // Acked rows are deleted; a new message must not reuse their seqs (the cursor is past them).
    await queue.enqueue([message('s', 'after')])
    await seen.count(11)
    expect(seen.items).toEqual([...Array(10).keys(), 'after'])
  })
})
