// Every write of a failing batch settles, and lazy writes refused by a full disk are kept until space returns.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/adapters/sqlite/database.js'
import { WriteBatcher } from '../../../src/adapters/sqlite/write-batcher.js'

describe('WriteBatcher on a full database', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  })

  // A database capped at its current size (SQLITE_FULL for anything that needs a new page), and a batcher on it.
  function fullDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'motia-batcher-'))
    const db = openDatabase(dir)
    db.exec('CREATE TABLE rows (value TEXT)')
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const errors: unknown[] = []
    const batcher = new WriteBatcher(db, (error) => errors.push(error))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    cleanups.push(() => db.close())
    cleanups.push(() => batcher.close())
    const insert = (value: string) => () => void db.prepare('INSERT INTO rows (value) VALUES (?)').run(value)
    const count = () => db.prepare('SELECT count(*) FROM rows').pluck().get() as number
    return { db, batcher, errors, insert, count, dir, pages }
  }

  const settled = (promise: Promise<void>) => {
    const state = { settled: false, error: undefined as unknown }
    promise.then(
      () => (state.settled = true),
      (error: unknown) => Object.assign(state, { settled: true, error }),
    )
    return state
  }

  it('rejects every waited write of the batch, also those after a failed lazy write', async () => {
    const { batcher, insert, dir } = fullDatabase()
    const big = 'x'.repeat(50_000)
    batcher.writeLazily(insert(big))
    const first = settled(batcher.write(insert(big)))
    const second = settled(batcher.write(insert(big)))
    batcher.flush()
    await new Promise(setImmediate)
    expect([first.settled, second.settled]).toEqual([true, true])
    for (const { error } of [first, second]) {
      expect(error).toMatchObject({
        code: 'E_STORAGE_FULL',
        retryable: true,
        message: `The disk holding ${dir} is full (SQLITE_FULL: database or disk is full): free space on it. Nothing was stored; events and state writes are refused until there is room.`,
        cause: { code: 'SQLITE_FULL' },
      })
    }
  })

  it('keeps lazy writes refused by a full disk, reports the outage once, and commits them once space returns', async () => {
    const { db, batcher, errors, insert, count, pages } = fullDatabase()
    const big = 'y'.repeat(20_000)
    for (let i = 0; i < 3; i++) batcher.writeLazily(insert(big))
    batcher.flush()
    expect(batcher.keptWrites).toBe(3)
    expect(errors).toMatchObject([{ code: 'E_STORAGE_FULL' }])
    // A write that fits goes through while the kept ones wait.
    await batcher.write(() => void db.prepare('DELETE FROM rows').run())
    db.pragma(`max_page_count = ${pages + 1000}`)
    await until(() => batcher.keptWrites === 0)
    expect(count()).toBe(3)
    expect(errors).toHaveLength(1)
  })

  it('a lazy write that fails for good (not a full disk) is reported and dropped, not retried', () => {
    const { batcher, errors } = fullDatabase()
    batcher.writeLazily(() => {
      throw Object.assign(new Error('constraint failed'), { code: 'SQLITE_CONSTRAINT' })
    })
    batcher.flush()
    expect(batcher.keptWrites).toBe(0)
    expect(errors).toMatchObject([{ code: 'E_STORAGE_FAILED', cause: { code: 'SQLITE_CONSTRAINT' } }])
  })
})

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error('condition not met within 20 s')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
