// `motia install` keeps the project's virtualenv and local storage out of git.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

const ENTRIES = ['.venv', '.motia']

/**
 * Appends to `<root>/.gitignore` (created when absent) each of `.venv` and `.motia` it does not
 * already ignore; returns the entries added. `.venv/`, `/.venv` and `/.venv/` count as present.
 *
 * @example
 * await ensureGitignore('/app') // ['.motia'] when .gitignore already had `.venv/`
 */
export async function ensureGitignore(root: string): Promise<string[]> {
  const file = path.join(root, '.gitignore')
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return ''
    throw error
  })
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/^\//, '').replace(/\/$/, '')))
  const missing = ENTRIES.filter((entry) => !present.has(entry))
  if (missing.length === 0) return []
  const separator = text === '' || text.endsWith('\n') ? '' : '\n'
  await writeFile(file, `${text}${separator}${missing.join('\n')}\n`)
  return missing
}
