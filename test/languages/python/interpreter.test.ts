import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MotiaError } from '../../../src/errors.js'
import { findPython } from '../../../src/languages/python/interpreter.js'
import { fakes, repo, repoPython } from './helpers.js'

let empty: string
beforeAll(() => {
  empty = mkdtempSync(path.join(os.tmpdir(), 'motia-interp-'))
})
afterAll(() => rmSync(empty, { recursive: true, force: true }))

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: MotiaError) => error)

describe('findPython', () => {
  it('prefers the project .venv', async () => {
    const found = await findPython(repo, { ...process.env, MOTIA_PYTHON: '' })
    expect(found.path).toBe(repoPython())
    expect(found.version).toMatch(/^3\.\d+\.\d+$/)
  })

  it('uses python_modules (the Motia v0.x layout) when there is no .venv', async () => {
    const project = path.join(empty, 'v0-project')
    execFileSync(repoPython(), ['-m', 'venv', '--without-pip', path.join(project, 'python_modules')])
    const error = await failure(findPython(project, { ...process.env, MOTIA_PYTHON: '' }))
    expect(error?.message).toBe('Python package `msgpack` not found in python_modules: run `motia install`.')
  })

  it('uses MOTIA_PYTHON first, as given', async () => {
    const found = await findPython(empty, { ...process.env, MOTIA_PYTHON: repoPython() })
    expect(found.path).toBe(repoPython())
  })

  it('names MOTIA_PYTHON when it cannot be run', async () => {
    const error = await failure(findPython(empty, { ...process.env, MOTIA_PYTHON: '/nonexistent/python3' }))
    expect(error?.code).toBe('E_PYTHON_MISSING')
    expect(error?.message).toBe(
      'MOTIA_PYTHON is set to `/nonexistent/python3`, which could not be run (ENOENT). Point it at a Python 3.10+ interpreter, or unset it and run `motia install`.',
    )
  })

  it('says what to do when no python3 is on PATH', async () => {
    const error = await failure(findPython(empty, { PATH: path.join(empty, 'no-bin') }))
    expect(error?.code).toBe('E_PYTHON_MISSING')
    expect(error?.message).toBe(
      `Python not found: no .venv or python_modules in ${empty}, and \`python3\` could not be run (ENOENT). Install Python 3.10 or newer, then run \`motia install\`.`,
    )
  })

  it('refuses a Python older than 3.10', async () => {
    const error = await failure(findPython(empty, { ...process.env, MOTIA_PYTHON: path.join(fakes, 'old-python') }))
    expect(error?.code).toBe('E_PYTHON_TOO_OLD')
    expect(error?.message).toBe(
      `Python 3.8.10 from MOTIA_PYTHON=${path.join(fakes, 'old-python')} is too old: motia needs Python 3.10 or newer. Install a newer Python, then run \`motia install\`.`,
    )
  })

  it('names msgpack and the fix when the .venv lacks it', async () => {
    const project = path.join(empty, 'bare-venv')
    execFileSync(repoPython(), ['-m', 'venv', '--without-pip', path.join(project, '.venv')])
    const error = await failure(findPython(project, { ...process.env, MOTIA_PYTHON: '' }))
    expect(error?.code).toBe('E_PYTHON_PACKAGE_MISSING')
    expect(error?.message).toBe('Python package `msgpack` not found in .venv: run `motia install`.')
  })

  it('names a broken project interpreter and the fix', async () => {
    const project = path.join(empty, 'broken-venv')
    mkdirSync(path.join(project, '.venv', 'bin'), { recursive: true })
    symlinkSync('/nonexistent/python3.11', path.join(project, '.venv', 'bin', 'python'))
    const error = await failure(findPython(project, { ...process.env, MOTIA_PYTHON: '' }))
    expect(error?.code).toBe('E_PYTHON_MISSING')
    expect(error?.message).toBe(
      `The project's Python \`${path.join(project, '.venv', 'bin', 'python')}\` could not be run (ENOENT). Delete .venv and run \`motia install\`.`,
    )
  })
})
