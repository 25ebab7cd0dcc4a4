// A plugin's `steps`: files, folders (every step file under them) or globs such as `steps/**/*.step.ts`.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve, sep } from 'node:path'

// Stream files (`*.stream.ts`, `*_stream.py`) too: a plugin may bring its own streams.
const STEP_FILE = /(?:[._](?:step|stream)\.(?:[cm]?ts|[cm]?js)|_(?:step|stream)\.py)$/
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'python_modules'])

/** Absolute step files named by `entries`, relative ones resolved from `base`. Missing entries are returned in `missing`. */
export function pluginStepFiles(entries: readonly string[], base: string): { files: string[]; missing: string[] } {
  const files: string[] = []
  const missing: string[] = []
  for (const entry of entries) {
    const path = isAbsolute(entry) ? entry : resolve(base, entry)
    if (/[*?]/.test(path)) {
      const found = matchGlob(path)
      if (found.length === 0) missing.push(entry)
      files.push(...found)
    } else if (!existsSync(path)) missing.push(entry)
    else if (statSync(path).isDirectory()) files.push(...walk(path).filter((file) => STEP_FILE.test(file)))
    else files.push(path)
  }
  return { files: [...new Set(files)].sort(), missing }
}

// The folder before the first wildcard is walked; the whole pattern is matched as a regular expression.
function matchGlob(pattern: string): string[] {
  const parts = pattern.split(sep)
  const firstWild = parts.findIndex((part) => /[*?]/.test(part))
  const root = parts.slice(0, firstWild).join(sep) || sep
  if (!existsSync(root)) return []
  const regex = globToRegExp(pattern)
  return walk(root).filter((file) => regex.test(file))
}

function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` matches any number of folders, none included.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += pattern[i + 2] === '/' ? 2 : 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

function walk(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) found.push(...walk(path))
    } else found.push(path)
  }
  return found
}
