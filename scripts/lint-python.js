#!/usr/bin/env node
// Runs ruff and mypy (configured in python/pyproject.toml) with the repo's .venv; exits non-zero on any finding.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const bin = join(repo, '.venv', process.platform === 'win32' ? 'Scripts' : 'bin')
const python = join(bin, process.platform === 'win32' ? 'python.exe' : 'python')
if (!existsSync(python)) {
  console.error('lint-python: .venv not found: run `node scripts/setup-python.js` first.')
  process.exit(1)
}
for (const args of [
  ['-m', 'ruff', 'check', '.'],
  ['-m', 'mypy'],
]) {
  const result = spawnSync(python, args, { cwd: join(repo, 'python'), stdio: 'inherit' })
  if (result.error) {
    console.error(`lint-python: could not start ${python}: ${result.error.message}`)
    process.exit(1)
  }
  if (result.status !== 0) process.exit(result.status ?? 1)
}
