import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MotiaError } from '../../errors.js'

const LOCK_FILE = 'motia.pid'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims `<dir>` for this process: two apps delivering from one queue database would run every event
 * twice and ack each other's work. A lock left by a process that died (SIGKILL) is taken over.
 * Returns the function that releases it.
 */
export function lockDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, LOCK_FILE)
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new MotiaError(
          'E_BAD_OPTION',
          `Another motia process (pid ${holder}) is running this project: it holds ${dir}. Stop it first, or run this one with --memory. (If pid ${holder} is not motia, delete ${file}.)`,
          { retryable: false },
        )
      }
      rmSync(file, { force: true })
    }
  }
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true })
    } catch {
      // Already gone: nothing to release.
    }
  }
}
