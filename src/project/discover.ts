// Finds step and stream files under `<root>/steps` and `<root>/src` (Motia v0.x discovery, reference §3.1, §2.6).
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'

// `*.step.ts` / `*_step.ts` and their JS variants, `*_step.py` and `*.step.py` (v0.x's older naming,
// which the Python runner loads by path). Not `.tsx`/`.jsx` (UI components beside steps), not `.d.ts`.
// Ruby steps (v0.x ran them) are found too, so that loading refuses them instead of skipping them.
// Stream files (`*.stream.ts`, `*_stream.py`, ...) are found with them: each language tells them apart.
const STEP_FILE = /[._](?:step|stream)\.(?:[cm]?ts|[cm]?js|py|rb)$/
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'python_modules'])
const STEP_DIRS = ['steps', 'src']

/** Absolute paths of every step and stream file, sorted, each file once. */
export async function discoverStepFiles(root: string): Promise<string[]> {
  const found: string[] = []
  for (const dir of STEP_DIRS) await walk(join(root, dir), found, [])
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

// `above` holds the real paths of the folders being walked, so a link back up the tree cannot loop.
async function walk(dir: string, found: string[], above: string[]): Promise<void> {
  const real = await realpath(dir).catch(() => dir)
  if (above.includes(real)) return
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return
    throw error
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    // A linked folder is walked like a real one (it used to be skipped without a word).
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory())
    if (isDirectory) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) await walk(path, found, [...above, real])
    } else if ((entry.isFile() || entry.isSymbolicLink()) && STEP_FILE.test(entry.name)) {
      found.push(path)
    }
  }
}
