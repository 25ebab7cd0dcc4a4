// Stream writes on a full disk fail as state writes do (E_STORAGE_FULL), store nothing, and work again once there is room.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { SqliteStreamStore } from '../../../src/adapters/sqlite/index.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

it('a stream item that does not fit is refused with E_STORAGE_FULL, and the store works again once there is room', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motia-streams-full-'))
  dirs.push(dir)
  const streams = new SqliteStreamStore(dir)
  // The store's own connection, capped at its current size: SQLITE_FULL for any write that needs a page.
  const db = (streams as unknown as { db: Database.Database }).db
  const pages = db.pragma('page_count', { simple: true }) as number
  db.pragma(`max_page_count = ${pages}`)
  const error = await streams.set('s', 'g', 'x', { id: 'x', text: 'z'.repeat(50_000) }).catch((e: unknown) => e)
  expect(error).toMatchObject({ code: 'E_STORAGE_FULL', retryable: true, cause: { code: 'SQLITE_FULL' } })
  expect((error as Error).message).toMatch(/^The disk holding .* is full \(SQLITE_FULL: database or disk is full\): free space on it\./)
  expect(await streams.get('s', 'g', 'x')).toBeNull()
  db.pragma(`max_page_count = ${pages + 1000}`)
  expect(await streams.set('s', 'g', 'x', { id: 'x', text: 'fits now' })).toEqual({ created: true })
  await streams.close()
})
