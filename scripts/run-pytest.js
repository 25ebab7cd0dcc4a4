#!/usr/bin/env node
// Runs the Python test suite with the repo's .venv; exits with pytest's code. Extra args go to pytest.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const python =
  process.platform === 'win32' ? join(repo, '.venv', 'Scripts', 'python.exe') : join(repo, '.venv', 'bin', 'python')
if (!existsSync(python)) {
  console.error('run-pytest: .venv not found: run `node scripts/setup-python.js` first.')
  process.exit(1)
}
const pythonPath = [join(repo, 'python'), process.env.PYTHONPATH].filter(Boolean).join(delimiter)
const extra = process.argv.slice(2)
// Paths given on the command line replace the default of the whole suite.
const targets = extra.some((arg) => !arg.startsWith('-')) ? [] : ['python/tests']
const args = ['-m', 'pytest', ...targets, '-q', ...extra]
const result = spawnSync(python, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, PYTHONPATH: pythonPath } })
if (result.error) {
  console.error(`run-pytest: could not start ${python}: ${result.error.message}`)
  process.exit(1)
}
process.exit(result.status ?? 1)
