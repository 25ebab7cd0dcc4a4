// The one SQLite opener, used by motia.db and by the trace store: pragmas, schema check, and its errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, openSqliteFile } from '../../../src/adapters/sqlite/database.js'
import { MotiaError } from '../../../src/errors.js'
import { SqliteTraceStore } from '../../../src/traces/sqlite-trace-store.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'motia-sqlite-open-'))
  dirs.push(dir)
  return dir
}

describe('openSqliteFile', () => {
  it('opens in WAL with the synchronous level and page cache asked for, then runs init', () => {
    const dir = tempDir()
    const db = openSqliteFile(join(dir, 'nested'), { file: 'x.sqlite', synchronous: 'OFF', cacheKiB: 500, init: (opened) => opened.exec('CREATE TABLE t (a)') })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(0)
    expect(db.pragma('cache_size', { simple: true })).toBe(-500)
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['t'])
    db.close()
    const queueDb = openDatabase(dir)
    expect([queueDb.pragma('synchronous', { simple: true }), queueDb.pragma('cache_size', { simple: true })]).toEqual([1, -2000])
    queueDb.close()
  })

  it("gives a damaged file to the caller's `damaged`, and refuses an empty directory", () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'x.sqlite'), 'not a database, but long enough to be read as a header by SQLite....................')
    const damaged = (path: string, code: string) => new MotiaError('E_DATABASE_UNOPENABLE', `${path} is damaged (${code})`)
    expect(() => openSqliteFile(dir, { file: 'x.sqlite', synchronous: 'NORMAL', damaged })).toThrow(`${join(dir, 'x.sqlite')} is damaged (SQLITE_NOTADB)`)
    expect(() => openSqliteFile('', { file: 'x.sqlite', synchronous: 'NORMAL' })).toThrow('Expected the SQLite directory to be a non-empty string, got `` (string).')
  })

  it("checks the trace store's directory as motia.db's: the same opener", () => {
    expect(() => new SqliteTraceStore('')).toThrow('Expected the SQLite directory to be a non-empty string, got `` (string).')
  })
})
