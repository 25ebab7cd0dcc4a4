// What a failed SQLite write means to the caller: a full disk (wait, free space, retry) or another storage failure.
import { MotiaError } from '../../errors.js'

// SQLite reports ENOSPC as SQLITE_FULL, but a full disk met while growing the WAL or its shared memory may
// surface as an I/O error on write; the errno codes come from node's own fs calls.
const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT'])

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** True when the failure is a full disk (or quota): it goes away once space is freed. */
export function isStorageFull(error: unknown): boolean {
  const code = codeOf(error)
  return code !== undefined && FULL_CODES.has(code)
}

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes: another connection holds the lock for a moment. */
export function isLocked(error: unknown): boolean {
  const code = codeOf(error)
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/** Failures a later attempt may not meet: worth keeping a write for. */
export function isTransient(error: unknown): boolean {
  return isStorageFull(error) || isLocked(error) || (codeOf(error)?.startsWith('SQLITE_IOERR') ?? false)
}

/**
 * The error a caller sees for a write that SQLite refused, the original as `cause`: `E_STORAGE_FULL` for a
 * full disk, `E_STORAGE_FAILED` otherwise. Both are retryable: the same write may succeed later.
 */
export function storageError(error: unknown, dir: string): MotiaError {
  if (error instanceof MotiaError) return error
  const code = codeOf(error)
  const why = `${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`
  if (isStorageFull(error)) {
    return new MotiaError(
      'E_STORAGE_FULL',
      `The disk holding ${dir} is full (${why}): free space on it. Nothing was stored; events and state writes are refused until there is room.`,
      { cause: error, retryable: true },
    )
  }
  return new MotiaError(
    'E_STORAGE_FAILED',
    `The database in ${dir} failed (${why}): check the disk it is on and that motia.db is readable and writable.`,
    { cause: error, retryable: true },
  )
}

/** Runs one SQLite statement: a full disk is E_STORAGE_FULL, any other failure E_STORAGE_FAILED, the original as cause. */
export function runStatement<T>(dir: string, statement: () => T): T {
  try {
    return statement()
  } catch (error) {
    throw storageError(error, dir)
  }
}
