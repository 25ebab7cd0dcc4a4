// Group commit under failure: a write the database cannot take fails its own caller only.
// The database is made "full" with a low PRAGMA max_page_count on the queue's own connection.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/adapters/sqlite/database.js'
import { SqliteMessageStore } from '../../../src/adapters/sqlite/message-store.js'
import { LocalQueue } from '../../../src/engine/delivery/index.js'
import { Recorder, message, standard } from '../queue-contract/helpers.js'

describe('SQLite group commit when a write fails', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  // A queue whose database has room for about `spare` more pages (4 KiB each).
  function nearlyFullQueue(spare: number) {
    const dir = mkdtempSync(join(tmpdir(), 'motia-full-'))
    const db = openDatabase(dir)
    const errors: unknown[] = []
    const queue = new LocalQueue(new SqliteMessageStore(db, (error) => errors.push(error)), { onError: (error) => errors.push(error) })
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages + spare}`)
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    cleanups.push(() => queue.close(0))
    return { queue, db, errors }
  }

  it('an event too big for the space left fails only its own enqueue; the others are stored and delivered', async () => {
    const { queue, db } = nearlyFullQueue(10)
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s'), async (m) => seen.push(m.data))
    await queue.start()
    // Same tick: one transaction, unless the batcher isolates the bad write.
    const results = await Promise.allSettled([
      queue.enqueue([message('s', 'a')]),
      queue.enqueue([message('s', 'x'.repeat(200_000))]),
      queue.enqueue([message('s', 'b'), message('s', 'c')]),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'E_STORAGE_FULL', cause: { code: 'SQLITE_FULL', message: 'database or disk is full' } })
    await seen.count(3)
    // The queue is still usable afterwards, and the refused event was never delivered.
    await queue.enqueue([message('s', 'd')])
    await seen.count(4)
    expect(seen.items).toEqual(['a', 'b', 'c', 'd'])
    const stored = db.prepare('SELECT data FROM queue_messages ORDER BY seq').pluck().all()
    expect(stored.every((data) => (data as string).length < 10)).toBe(true)
  })

  it('when nothing fits, every caller of the batch is rejected and nothing is delivered', async () => {
    const { queue } = nearlyFullQueue(0)
    const seen = new Recorder<unknown>()
    queue.subscribe(standard('s'), async (m) => seen.push(m.data))
    await queue.start()
    const big = 'y'.repeat(20_000)
    const results = await Promise.allSettled([queue.enqueue([message('s', big)]), queue.enqueue([message('s', big)])])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await queue.close(0)
    expect(seen.items).toEqual([])
  })
})
