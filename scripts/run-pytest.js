#!/usr/bin/env node
// Runs the Python test suite with the repo's .venv: python/tests, then the example app's Python tests
// (examples/*/tests/test_*.py, which use motia.testing). Exits non-zero when either fails. Extra args go
// to pytest; paths among them replace both default runs.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const python =
  process.platform === 'win32' ? join(repo, '.venv', 'Scripts', 'python.exe') : join(repo, '.venv', 'bin', 'python')
if (!existsSync(python)) {
  console.error('run-pytest: .venv not found: run `node scripts/setup-python.js` first.')
  process.exit(1)
}
const env = {
  ...process.env,
  PYTHONPATH: [join(repo, 'python'), process.env.PYTHONPATH].filter(Boolean).join(delimiter),
  // motia.testing runs this checkout's CLI (`motia contract`, `motia dev`): the repo has no node_modules/.bin/motia.
  MOTIA_CLI: process.env.MOTIA_CLI || join(repo, 'bin', 'motia.js'),
}
// The motia Python package is on PYTHONPATH, not installed: its pytest plugin is named here.
const plugin = ['-p', 'motia.testing.plugin']
const extra = process.argv.slice(2)

function pytest(args, cwd) {
  const result = spawnSync(python, ['-m', 'pytest', ...plugin, ...args], { cwd, stdio: 'inherit', env })
  if (result.error) {
    console.error(`run-pytest: could not start ${python}: ${result.error.message}`)
    process.exit(1)
  }
  return result.status ?? 1
}

if (extra.some((arg) => !arg.startsWith('-'))) process.exit(pytest(['-q', ...extra], repo))

// Each example runs from its own folder, as a user runs `pytest` in a project: its conftest.py and the
// motia_project fixture's default (the current folder) apply, and `steps.*` imports resolve.
const examples = readdirSync(join(repo, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repo, 'examples', entry.name, 'tests')))
  .filter((entry) => readdirSync(join(repo, 'examples', entry.name, 'tests')).some((file) => /^test_.*\.py$/.test(file)))
let status = pytest(['python/tests', '-q', ...extra], repo)
for (const example of examples) {
  const code = pytest(['tests', '-q', '-c', join(repo, 'python', 'pyproject.toml'), '--rootdir', '.', ...extra], join(repo, 'examples', example.name))
  if (status === 0) status = code
}
process.exit(status)
