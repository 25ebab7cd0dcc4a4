// State writes on a full disk fail with E_STORAGE_FULL (the SQLite error as cause), and work again once there is room.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { SqliteStateStore } from '../../../src/adapters/sqlite/index.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('a state write that does not fit is refused with E_STORAGE_FULL, and the store works again once there is room', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motia-state-full-'))
  dirs.push(dir)
  const state = new SqliteStateStore(dir)
  // The store's own connection, capped at its current size: SQLITE_FULL for any write that needs a page.
  const db = (state as unknown as { db: Database.Database }).db
  const pages = db.pragma('page_count', { simple: true }) as number
  db.pragma(`max_page_count = ${pages}`)
  const error = await state.set('g', 'k', 'z'.repeat(50_000)).catch((e: unknown) => e)
  expect(error).toMatchObject({
    code: 'E_STORAGE_FULL',
    retryable: true,
    message: `The disk holding ${dir} is full (SQLITE_FULL: database or disk is full): free space on it. Nothing was stored; events and state writes are refused until there is room.`,
    cause: { code: 'SQLITE_FULL' },
  })
  expect(await state.get('g', 'k')).toBeNull()
  db.pragma(`max_page_count = ${pages + 1000}`)
  await state.set('g', 'k', 'fits now')
  expect(await state.get('g', 'k')).toBe('fits now')
  await state.close()
})
