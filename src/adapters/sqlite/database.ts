// Opens `<dir>/motia.db`, the one SQLite file that holds the queue, the dead letters and the state.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MotiaError } from '../../errors.js'
import { isStorageFull } from './storage-error.js'

export const DATABASE_FILE = 'motia.db'

/**
 * WAL with synchronous=NORMAL: a committed transaction survives a crash or SIGKILL of the process (it is in the
 * WAL file the OS holds); a power loss or OS crash may lose the last commits before a checkpoint syncs them.
 */
export function openDatabase(dir: string): Database.Database {
  if (typeof dir !== 'string' || dir === '') {
    throw new MotiaError('E_BAD_OPTION', `Expected the SQLite directory to be a non-empty string, got \`${String(dir)}\` (${typeof dir}).`, { retryable: false })
  }
  let db: Database.Database | undefined
  try {
    mkdirSync(dir, { recursive: true })
    db = new Database(join(dir, DATABASE_FILE))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // Another process (e.g. an admin command) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000')
    // SQLite's own default page cache (2 MB; better-sqlite3 raises it to 16 MB per connection): the queue reads
    // its backlog once, in order, so a bigger cache only holds pages that are not read again.
    db.pragma('cache_size = -2000')
    // Reads the schema: a damaged file fails here rather than at the first event.
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return db
  } catch (error) {
    db?.close()
    throw unopenable(dir, error)
  }
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
