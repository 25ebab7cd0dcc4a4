import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MotiaError } from '../../src/errors.js'
import { installPython } from '../../src/cli/install-python.js'
import { fakes } from '../languages/python/helpers.js'
import { MOTIA_BIN } from '../helpers/motia-process.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motia-install-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: MotiaError) => error)

describe('installPython', () => {
  // Real venv, real pip (PyPI reachable, as on every machine of this project).
  it('creates .venv with the motia package, msgpack and requirements.txt', { timeout: 300_000 }, async () => {
    const project = path.join(dir, 'app')
    mkdirSync(project)
    writeFileSync(path.join(project, 'requirements.txt'), 'msgpack>=1.0\n')
    const lines: string[] = []
    await installPython(project, { log: (line) => lines.push(line), env: { ...process.env, MOTIA_PYTHON: '' } })
    expect(lines[0]).toMatch(/^Creating \.venv with Python 3\.\d+\.\d+ \(.+\)$/)
    expect(lines).toContain('Installing motia (Python package), msgpack and requirements.txt')
    const python = path.join(project, '.venv', 'bin', 'python')
    expect(lines.at(-1)).toMatch(new RegExp(`^Python 3\\.\\d+\\.\\d+ ready with motia and msgpack: ${python}$`))
    const imported = execFileSync(python, ['-c', 'import motia, msgpack; print(motia.__name__)'], { cwd: os.tmpdir(), encoding: 'utf8' })
    expect(imported.trim()).toBe('motia')

    // Nothing changed: the .venv is left as it is, without starting Python (python3 is not even on PATH).
    const noPython = { ...process.env, MOTIA_PYTHON: '', PATH: path.join(dir, 'no-bin') }
    const again: string[] = []
    await installPython(project, { log: (line) => again.push(line), env: noPython })
    expect(again).toEqual([`.venv is up to date (the motia package and requirements.txt are unchanged since the last install): ${python}`])

    // The same through `motia install`, a real process.
    mkdirSync(path.join(project, 'steps'))
    writeFileSync(path.join(project, 'steps/tick_step.py'), '')
    const cli = execFileSync(process.execPath, [MOTIA_BIN, 'install', '--project', project], { encoding: 'utf8', env: noPython })
    expect(cli.split('\n')).toContain(`.venv is up to date (the motia package and requirements.txt are unchanged since the last install): ${python}`)

    // A changed requirements.txt is installed again, into the same .venv.
    writeFileSync(path.join(project, 'requirements.txt'), 'msgpack>=1.0\n# changed\n')
    const changed: string[] = []
    await installPython(project, { log: (line) => changed.push(line), env: { ...process.env, MOTIA_PYTHON: '' } })
    expect(changed[0]).toMatch(/^Using \.venv \(Python 3\.\d+\.\d+\)$/)
    expect(changed).toContain('Installing motia (Python package), msgpack and requirements.txt')
    const last: string[] = []
    await installPython(project, { log: (line) => last.push(line), env: noPython })
    expect(last[0]).toMatch(/^\.venv is up to date/)
  })

  it('refuses a Python older than 3.10', async () => {
    const old = path.join(fakes, 'old-python')
    const error = await failure(installPython(dir, { log: () => {}, env: { ...process.env, MOTIA_PYTHON: old } }))
    expect(error?.code).toBe('E_PYTHON_TOO_OLD')
    expect(error?.message).toBe(
      `Python 3.8.10 from MOTIA_PYTHON=${old} is too old: motia needs Python 3.10 or newer. Install a newer Python, then run \`motia install\`.`,
    )
  })

  it('says what to do when python3 is missing', async () => {
    const error = await failure(installPython(path.join(dir, 'none'), { log: () => {}, env: { PATH: path.join(dir, 'no-bin') } }))
    expect(error?.code).toBe('E_PYTHON_MISSING')
    expect(error?.message).toBe('`python3` could not be run (ENOENT). Install Python 3.10 or newer, then run `motia install` again.')
  })
})
