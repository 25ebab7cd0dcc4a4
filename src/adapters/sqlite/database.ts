// Opens `<dir>/motia.db`, the one SQLite file that holds the queue, the dead letters and the state.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MotiaError } from '../../errors.js'

export const DATABASE_FILE = 'motia.db'

/**
 * WAL with synchronous=NORMAL: a committed transaction survives a crash or SIGKILL of the process (it is in the
 * WAL file the OS holds); a power loss or OS crash may lose the last commits before a checkpoint syncs them.
 */
export function openDatabase(dir: string): Database.Database {
  if (typeof dir !== 'string' || dir === '') {
    throw new MotiaError('E_BAD_OPTION', `Expected the SQLite directory to be a non-empty string, got \`${String(dir)}\` (${typeof dir}).`, { retryable: false })
  }
  try {
    mkdirSync(dir, { recursive: true })
    const db = new Database(join(dir, DATABASE_FILE))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // Another process (e.g. an admin command) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000')
    return db
  } catch (error) {
    throw new MotiaError('E_BAD_OPTION', `Cannot open the SQLite database in "${dir}" (${(error as Error).message}): check that the directory is writable.`, { cause: error, retryable: false })
  }
}
