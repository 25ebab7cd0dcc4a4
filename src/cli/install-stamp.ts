// What `motia install` last put into the project's .venv, so that a re-run with nothing changed is instant.
import { createHash } from 'node:crypto'
import { lstatSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { bundledPythonDir } from '../languages/python/paths.js'

// Bump when what install puts into the venv changes in a way the inputs below do not show.
const FORMAT = 1
const STAMP_FILE = '.motia-install'

/**
 * A digest of everything install depends on: the bundled `motia` Python package (every file), and
 * the project's requirements.txt (absent and empty differ).
 */
export async function installInputs(bundledDir: string, requirements: string | undefined): Promise<string> {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`)
  const files = [path.join(bundledDir, 'pyproject.toml'), ...(await filesUnder(path.join(bundledDir, 'motia')))]
  for (const file of files) hash.update(`${path.relative(bundledDir, file)}\n`).update(await readFile(file)).update('\n')
  hash.update(requirements === undefined ? 'no requirements.txt' : `requirements.txt\n${requirements}`)
  return hash.digest('hex')
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('__pycache__') && !entry.name.endsWith('.pyc'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

export const UP_TO_DATE = (python: string) =>
  `.venv is up to date (the motia package and requirements.txt are unchanged since the last install): ${python}`

/**
 * The project's `.venv`, its interpreter, the current install inputs, and whether the venv was last
 * filled from exactly those. The stamp lives in the venv, so a new venv has none.
 */
export async function venvState(root: string) {
  const venv = path.join(root, '.venv')
  // As interpreter.ts venvPython, which this light module does not import.
  const target = process.platform === 'win32' ? path.join(venv, 'Scripts', 'python.exe') : path.join(venv, 'bin', 'python')
  const requirements = await readFile(path.join(root, 'requirements.txt'), 'utf8').catch(() => undefined)
  const inputs = await installInputs(bundledPythonDir, requirements)
  const stamp = await readFile(path.join(venv, STAMP_FILE), 'utf8').catch(() => undefined)
  const exists = lstatSync(target, { throwIfNoEntry: false }) !== undefined
  return { venv, target, inputs, upToDate: exists && stamp === inputs }
}

export async function writeStamp(venv: string, inputs: string): Promise<void> {
  await writeFile(path.join(venv, STAMP_FILE), inputs)
}
