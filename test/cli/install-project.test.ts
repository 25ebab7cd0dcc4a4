import { execa } from 'execa'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOTIA_BIN } from '../helpers/motia-process.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motia-install-project-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const project = (name: string, files: Record<string, string>) => {
  const root = path.join(dir, name)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return root
}

// No Python anywhere: PATH holds no interpreter and MOTIA_PYTHON is unset.
const install = (root: string) =>
  execa(process.execPath, [MOTIA_BIN, 'install', '--project', root], { reject: false, extendEnv: false, env: { PATH: path.join(dir, 'no-bin') } })

describe('motia install', () => {
  it('in a project without Python steps says so and exits 0 without needing Python', async () => {
    const root = project('ts-only', { 'steps/hello.step.ts': '', 'requirements.txt': 'requests\n' })
    const result = await install(root)
    expect([result.exitCode, result.stderr]).toEqual([0, ''])
    expect(result.stdout.split('\n')).toEqual([
      'Added .venv and .motia to .gitignore',
      'No Python steps (*_step.py, *.step.py) under steps/ or src/: nothing to install, Python is not needed.',
    ])
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('.venv\n.motia\n')
  })

  it('appends only the .gitignore entries that are missing, and nothing on a re-run', async () => {
    const root = project('has-gitignore', { 'src/a.step.ts': '', '.gitignore': 'node_modules\n/.venv/' })
    const first = await install(root)
    expect(first.stdout.split('\n')[0]).toBe('Added .motia to .gitignore')
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules\n/.venv/\n.motia\n')
    const again = await install(root)
    expect(again.stdout.split('\n')).toEqual(['No Python steps (*_step.py, *.step.py) under steps/ or src/: nothing to install, Python is not needed.'])
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules\n/.venv/\n.motia\n')
  })

  it('with Python steps, needs Python and says how to get it', async () => {
    const root = project('py', { 'steps/old.step.py': '', '.gitignore': '.venv\n.motia\n' })
    const result = await install(root)
    expect(result.exitCode).toBe(1)
    expect(result.stdout.split('\n')).toEqual(['1 Python step file (steps/old.step.py)'])
    expect(result.stderr).toBe('motia: `python3` could not be run (ENOENT). Install Python 3.10 or newer, then run `motia install` again.')
  })

  it('refuses a project root that is not a folder', async () => {
    const result = await install(path.join(dir, 'missing'))
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(`motia: Project root ${path.join(dir, 'missing')} is not a folder: pass the folder that holds steps/ or src/`)
  })
})
