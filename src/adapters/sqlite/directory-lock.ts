// One app per project directory, held by an operating-system lock that dies with its process.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MotiaError } from '../../errors.js'
import { unopenable } from './database.js'
import { isLocked } from './storage-error.js'

/** The file the lock is held on (empty; the kernel holds the lock, not the file's content). */
export const LOCK_FILE = 'motia.lock'
/** The holder's pid, for people and for the message a second process prints. Never the lock itself. */
export const PID_FILE = 'motia.pid'

/**
 * Claims `<dir>` for this process: two apps delivering from one queue database would run every event twice and
 * ack each other's work. The claim is SQLite's exclusive lock on `motia.lock` (an fcntl lock, taken atomically
 * by the kernel): of processes racing for it exactly one wins, and it is released when its process ends, however
 * it ends, so a lock left by a killed process needs no takeover (nothing to race for). A stale `motia.pid` is
 * simply overwritten. Returns the function that releases it.
 */
export function lockDirectory(dir: string): () => void {
  const lockFile = join(dir, LOCK_FILE)
  const pidFile = join(dir, PID_FILE)
  let lock: Database.Database
  try {
    mkdirSync(dir, { recursive: true })
    lock = new Database(lockFile, { timeout: 0 })
  } catch (error) {
    throw unopenable(dir, error)
  }
  try {
    lock.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    lock.close()
    if (isLocked(error)) throw projectLocked(dir, pidFile)
    throw unopenable(dir, error)
  }
  writePid(pidFile)
  return () => {
    if (!lock.open) return
    try {
      if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) rmSync(pidFile, { force: true })
    } catch {
      // Already gone: nothing to tidy.
    }
    lock.close()
  }
}

// Written to a temp file and renamed into place, so a reader sees a whole pid or the previous file. Only
// informational: on a full disk the lock still holds, and opening the database then says what is wrong.
function writePid(pidFile: string): void {
  const temp = `${pidFile}.${process.pid}.tmp`
  try {
    writeFileSync(temp, String(process.pid))
    renameSync(temp, pidFile)
  } catch {
    rmSync(temp, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function projectLocked(dir: string, pidFile: string): MotiaError {
  let holder = ''
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    // The file may still name a dead holder for a moment, until the new one has written its pid.
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) holder = ` (pid ${pid})`
  } catch {
    // The holder has not written its pid yet.
  }
  return new MotiaError(
    'E_PROJECT_LOCKED',
    `Another motia process${holder} is running this project: it holds ${dir}. Stop it first, or run this one with --memory.`,
    { retryable: false },
  )
}
