#!/usr/bin/env node
// Creates <repo>/.venv and installs python/requirements-dev.txt into it; a no-op when already done.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const venv = join(repo, '.venv')
const isWindows = process.platform === 'win32'
const venvPython = isWindows ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python')
const requirementsFile = join(repo, 'python', 'requirements-dev.txt')
// The stamp holds the requirements the venv was last filled from: equal content means nothing to do.
const stamp = join(venv, '.motia-requirements')
const MIN = [3, 10]

function fail(message) {
  console.error(`setup-python: ${message}`)
  process.exit(1)
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: repo, encoding: 'utf8', ...options })
}

function versionOf(python) {
  const probe = run(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'])
  if (probe.error || probe.status !== 0) return undefined
  return probe.stdout.trim()
}

function isRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number)
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1])
}

const requirements = readFileSync(requirementsFile, 'utf8')
if (existsSync(venvPython) && existsSync(stamp) && readFileSync(stamp, 'utf8') === requirements) process.exit(0)

if (!existsSync(venvPython)) {
  const base = process.env.PYTHON ?? (isWindows ? 'python' : 'python3')
  const version = versionOf(base)
  if (!version) fail(`\`${base}\` not found: install Python ${MIN.join('.')} or newer, or set PYTHON to its path.`)
  if (!isRecentEnough(version))
    fail(`\`${base}\` is Python ${version}; Python ${MIN.join('.')} or newer is needed: install it, or set PYTHON to its path.`)
  console.error(`setup-python: creating .venv with ${base} (Python ${version})`)
  const created = run(base, ['-m', 'venv', venv], { stdio: 'inherit' })
  if (created.status !== 0) fail(`\`${base} -m venv .venv\` failed (exit ${created.status}); on Debian/Ubuntu install python3-venv.`)
} else {
  const version = versionOf(venvPython)
  if (!version || !isRecentEnough(version))
    fail(`.venv holds Python ${version ?? '(unusable)'}; Python ${MIN.join('.')} or newer is needed: delete .venv and run again.`)
}

console.error('setup-python: installing python/requirements-dev.txt into .venv')
const installed = run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile], {
  stdio: 'inherit',
})
if (installed.status !== 0) fail(`pip install -r python/requirements-dev.txt failed (exit ${installed.status}).`)
writeFileSync(stamp, requirements)
