// Finds step files under `<root>/steps` and `<root>/src` (Motia v0.x discovery, reference §3.1).
import type { Dirent } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import { join } from 'node:path'

// `*.step.ts` / `*_step.ts` and their JS variants, `*_step.py` and `*.step.py` (v0.x's older naming,
// which the Python runner loads by path). Not `.tsx`/`.jsx` (UI components beside steps), not `.d.ts`.
const STEP_FILE = /[._]step\.(?:[cm]?ts|[cm]?js|py)$/
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'python_modules'])
const STEP_DIRS = ['steps', 'src']

/** Absolute paths of every step file, sorted, each file once. */
export async function discoverStepFiles(root: string): Promise<string[]> {
  const found: string[] = []
  for (const dir of STEP_DIRS) await walk(join(root, dir), found)
  return (await onePathPerFile(found)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

// `steps` linked to `src` (or one file linked twice) must not load a step twice and fail as a
// duplicate name: keep one path per real file, the file's own path when it is among them.
async function onePathPerFile(files: string[]): Promise<string[]> {
  const byRealPath = new Map<string, string>()
  for (const file of files) {
    const real = await realpath(file).catch(() => file)
    if (!byRealPath.has(real) || file === real) byRealPath.set(real, file)
  }
  return [...byRealPath.values()]
}

async function walk(dir: string, found: string[]): Promise<void> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return
    throw error
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) await walk(path, found)
    } else if ((entry.isFile() || entry.isSymbolicLink()) && STEP_FILE.test(entry.name)) {
      found.push(path)
    }
  }
}
