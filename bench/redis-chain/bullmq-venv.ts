// The Python for the raw BullMQ baseline: a bench-only venv with `bullmq` from PyPI, made on first run from the
// project's Python (never installed into the project's .venv).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'

export async function bullmqPython(repo: string, basePython: string): Promise<string> {
  const venv = join(repo, 'bench/.venv-bullmq')
  const python = join(venv, 'bin/python')
  const ready = existsSync(python) && (await execa(python, ['-c', 'import bullmq'], { reject: false })).exitCode === 0
  if (ready) return python
  console.log(`Creating ${venv} with bullmq from PyPI (first run only)...`)
  await execa(basePython, ['-m', 'venv', venv], { stdio: 'inherit' })
  await execa(python, ['-m', 'pip', 'install', '--quiet', 'bullmq'], { stdio: 'inherit' })
  return python
}
