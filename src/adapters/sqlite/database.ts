// Opens SQLite files the one way: `<dir>/motia.db` (queue, dead letters, state, stream items) and the trace store's file.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MotiaError } from '../../errors.js'
import { isStorageFull } from './storage-error.js'

export const DATABASE_FILE = 'motia.db'

export interface SqliteFileOptions {
  /** The file's name in the directory. */
  file: string
  /**
   * NORMAL: a committed transaction survives a crash or SIGKILL of the process (it is in the WAL file the OS
   * holds; a power loss may lose the last commits). OFF: a crash may lose the last commits too (traces).
   */
  synchronous: 'NORMAL' | 'OFF'
  /** Page cache in KiB; better-sqlite3's default (16 MB per connection) when absent. */
  cacheKiB?: number
  /** Creates the tables, inside the opener's error handling. */
  init?: (db: Database.Database) => void
  /** The error for a file SQLite finds damaged (SQLITE_NOTADB, SQLITE_CORRUPT); `unopenable`'s when absent. */
  damaged?: (path: string, code: string, error: unknown) => MotiaError
}

/**
 * Opens (creating it and its directory) a SQLite file in WAL mode, reading its schema so that a damaged file
 * fails here rather than at the first write. Every failure is one MotiaError naming the fix.
 */
export function openSqliteFile(dir: string, options: SqliteFileOptions): Database.Database {
  if (typeof dir !== 'string' || dir === '') {
    throw new MotiaError('E_BAD_OPTION', `Expected the SQLite directory to be a non-empty string, got \`${String(dir)}\` (${typeof dir}).`, { retryable: false })
  }
  let db: Database.Database | undefined
  try {
    mkdirSync(dir, { recursive: true })
    db = new Database(join(dir, options.file))
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous}`)
    // Another process (e.g. an admin command) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000')
    if (options.cacheKiB !== undefined) db.pragma(`cache_size = -${options.cacheKiB}`)
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    options.init?.(db)
    return db
  } catch (error) {
    db?.close()
    const code = (error as { code?: unknown } | null)?.code
    if (options.damaged && (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')) throw options.damaged(join(dir, options.file), code, error)
    throw unopenable(dir, error)
  }
}

/** `<dir>/motia.db`: queue rows, dead letters, state and stream items, durable across a crash of the process. */
export function openDatabase(dir: string): Database.Database {
  // SQLite's own default page cache (2 MB): the queue reads its backlog once, in order, so a bigger cache only
  // holds pages that are not read again.
  return openSqliteFile(dir, { file: DATABASE_FILE, synchronous: 'NORMAL', cacheKiB: 2000 })
}

/** `E_DATABASE_UNOPENABLE`, with the fix for a damaged file or for a directory that cannot be written (`E_STORAGE_FULL` for a full disk). */
export function unopenable(dir: string, error: unknown): MotiaError {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  // Node's fs errors already start with their code.
  const why = typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message
  if (isStorageFull(error)) {
    return new MotiaError('E_STORAGE_FULL', `The disk holding ${dir} is full (${why}): free space on it, then start again.`, { cause: error, retryable: false })
  }
  const damaged = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
  const fix = damaged
    ? `${join(dir, DATABASE_FILE)} is damaged or is not a motia database: move it away (its pending events and state are lost) or restore it from a backup, then start again.`
    : `make ${dir} a directory this user can write to, or run with --memory.`
  return new MotiaError('E_DATABASE_UNOPENABLE', `Cannot open the database in ${dir} (${why}): ${fix}`, { cause: error, retryable: false })
}
