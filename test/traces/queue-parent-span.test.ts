// The emit span id travels with each message, so that its queue wait and handler spans hang under the emit.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { QueueMessage } from '../../src/adapters/queue.js'
import { DATABASE_FILE } from '../../src/adapters/sqlite/index.js'
import { MemoryQueue, SqliteQueue } from '../../src/engine/delivery/index.js'
import { Recorder, message, standard } from '../adapters/queue-contract/helpers.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'motia-parent-span-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function deliverOne(queue: MemoryQueue | SqliteQueue): Promise<QueueMessage> {
  const seen = new Recorder<QueueMessage>()
  queue.subscribe(standard('s'), async (m) => seen.push(m))
  await queue.start()
  await seen.count(1)
  return seen.items[0]!
}

describe('parentSpanId on queue messages', () => {
  it('the memory queue delivers it', async () => {
    const queue = new MemoryQueue()
    cleanups.push(() => queue.close(0))
    await queue.enqueue([message('s', 1, { parentSpanId: '00f067aa0ba902b7' }), message('s', 2)])
    const seen = new Recorder<QueueMessage>()
    queue.subscribe(standard('s'), async (m) => seen.push(m))
    await queue.start()
    await seen.count(2)
    expect(seen.items.map((m) => m.parentSpanId)).toEqual(['00f067aa0ba902b7', undefined])
  })

  it('the SQLite queue stores it: a message enqueued before a restart keeps it', async () => {
    const dir = tempDir()
    const before = new SqliteQueue(dir)
    await before.enqueue([message('s', 1, { parentSpanId: '00f067aa0ba902b7' })])
    await before.close(0)
    const after = new SqliteQueue(dir)
    cleanups.push(() => after.close(0))
    expect((await deliverOne(after)).parentSpanId).toBe('00f067aa0ba902b7')
  })

  it('a database made before traces gets the column, and its messages are delivered without a parent', async () => {
    const dir = tempDir()
    const db = new Database(join(dir, DATABASE_FILE))
    db.exec(`CREATE TABLE queue_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, step_name TEXT NOT NULL, topic TEXT NOT NULL,
      data TEXT, trace_id TEXT NOT NULL, message_group_id TEXT, attempts INTEGER NOT NULL, visible_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
      deliveries INTEGER NOT NULL DEFAULT 0)`)
    db.prepare("INSERT INTO queue_messages VALUES (1, 'old-1', 's', 't', '\"old\"', 'tr', NULL, 0, 0, 0, 0)").run()
    db.close()
    const queue = new SqliteQueue(dir)
    cleanups.push(() => queue.close(0))
    const delivered = await deliverOne(queue)
    expect(delivered.data).toBe('old')
    expect(delivered).not.toHaveProperty('parentSpanId')
  })
})
