// Finds step files under `<root>/steps` and `<root>/src` (Motia v0.x discovery, reference §3.1).
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

// `*.step.ts` / `*_step.ts` and their JS variants, `*_step.py`. Not `.tsx`/`.jsx` (UI components beside
// steps) and not `.d.ts`. `*.step.py` is not a step: Python module names cannot contain a dot.
const STEP_FILE = /(?:[._]step\.(?:[cm]?ts|[cm]?js)|_step\.py)$/
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'python_modules'])
const STEP_DIRS = ['steps', 'src']

/** Absolute paths of every step file, sorted. */
export async function discoverStepFiles(root: string): Promise<string[]> {
  const found: string[] = []
  for (const dir of STEP_DIRS) await walk(join(root, dir), found)
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

async function walk(dir: string, found: string[]): Promise<void> {
  let entries
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
