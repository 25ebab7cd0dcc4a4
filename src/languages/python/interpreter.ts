// Which Python runs the steps (DESIGN.md §4): MOTIA_PYTHON, else the project's .venv or
// python_modules, else python3; checked once for version >= 3.10 and an importable msgpack.
import { lstatSync } from 'node:fs'
import path from 'node:path'
import { execa } from 'execa'
import { MotiaError } from '../../errors.js'

export const MIN_PYTHON: readonly [number, number] = [3, 10]

export interface PythonInterpreter {
  /** Absolute path of the interpreter (`sys.executable`), spawned directly: no PATH or shim lookup. */
  path: string
  /** e.g. "3.11.7" */
  version: string
}

interface Candidate {
  command: string
  /** How messages name it: ".venv", "MOTIA_PYTHON=/x/python", "python3". */
  label: string
  source: 'MOTIA_PYTHON' | 'project' | 'PATH'
}

export interface PythonProbe {
  executable: string
  version: string
  versionTuple: [number, number, number]
  msgpack: boolean
}

// Runs on any Python, 2.7 included, so that an old interpreter is named rather than a SyntaxError.
const PROBE = [
  'import sys',
  'try:',
  '    import msgpack',
  '    m = 1',
  'except Exception:',
  '    m = 0',
  'print("%d %d %d %d" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], m))',
  'print(sys.executable)',
].join('\n')

export function venvPython(dir: string): string {
  return process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python')
}

// A dangling symlink counts: a .venv whose base Python was removed must be named, not skipped.
export function present(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

function pickCandidate(root: string, env: NodeJS.ProcessEnv): Candidate {
  if (env.MOTIA_PYTHON) return { command: env.MOTIA_PYTHON, label: `MOTIA_PYTHON=${env.MOTIA_PYTHON}`, source: 'MOTIA_PYTHON' }
  for (const dir of ['.venv', 'python_modules']) {
    const command = venvPython(path.join(root, dir))
    if (present(command)) return { command, label: dir, source: 'project' }
  }
  return { command: 'python3', label: 'python3', source: 'PATH' }
}

/**
 * The interpreter MOTIA_PYTHON or the project's own environment names, whose runners can start while
 * `findPython` checks it; undefined for `python3` from PATH, which may be a shim that only the check
 * resolves to the real interpreter.
 */
export function namedPython(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidate = pickCandidate(root, env)
  return candidate.source === 'PATH' ? undefined : candidate.command
}

/** Runs the interpreter once; `failure` says why it could not be run at all. */
export async function probePython(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<PythonProbe | { failure: string }> {
  const result = await execa(command, ['-c', PROBE], { cwd, env, extendEnv: false, reject: false, timeout: 30_000 })
  if (result.failed) {
    const code = (result as { code?: string }).code
    const lastLine = String(result.stderr).trim().split('\n').pop()
    return { failure: code ?? (lastLine || result.shortMessage || 'failed') }
  }
  const [numbers = '', executable = command] = String(result.stdout).trim().split('\n')
  const [major = 0, minor = 0, patch = 0, msgpack = 0] = numbers.split(' ').map(Number)
  return { executable: executable || command, version: `${major}.${minor}.${patch}`, versionTuple: [major, minor, patch], msgpack: msgpack === 1 }
}

export function isTooOld([major, minor]: readonly [number, number, number]): boolean {
  return major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])
}

export const tooOldError = (version: string, where: string) =>
  new MotiaError(
    'E_PYTHON_TOO_OLD',
    `Python ${version} from ${where} is too old: motia needs Python ${MIN_PYTHON.join('.')} or newer. Install a newer Python, then run \`motia install\`.`,
    { retryable: false },
  )

function missingError(candidate: Candidate, root: string, failure: string): MotiaError {
  const message =
    candidate.source === 'MOTIA_PYTHON'
      ? `MOTIA_PYTHON is set to \`${candidate.command}\`, which could not be run (${failure}). Point it at a Python ${MIN_PYTHON.join('.')}+ interpreter, or unset it and run \`motia install\`.`
      : candidate.source === 'project'
        ? `The project's Python \`${candidate.command}\` could not be run (${failure}). Delete ${candidate.label} and run \`motia install\`.`
        : `Python not found: no .venv or python_modules in ${root}, and \`python3\` could not be run (${failure}). Install Python ${MIN_PYTHON.join('.')} or newer, then run \`motia install\`.`
  return new MotiaError('E_PYTHON_MISSING', message, { retryable: false })
}

/** Finds the interpreter for a project and checks it, in one quick subprocess. */
export async function findPython(root: string, env: NodeJS.ProcessEnv = process.env): Promise<PythonInterpreter> {
  const candidate = pickCandidate(root, env)
  const probe = await probePython(candidate.command, root, env)
  if ('failure' in probe) throw missingError(candidate, root, probe.failure)
  const where = candidate.source === 'PATH' ? `python3 (${probe.executable})` : candidate.label
  if (isTooOld(probe.versionTuple)) throw tooOldError(probe.version, where)
  if (!probe.msgpack) {
    const inWhat = candidate.source === 'project' ? `in ${candidate.label}` : `for ${where}`
    throw new MotiaError('E_PYTHON_PACKAGE_MISSING', `Python package \`msgpack\` not found ${inWhat}: run \`motia install\`.`, {
      retryable: false,
    })
  }
  // A PATH lookup may hit a shim (pyenv): spawn the real interpreter. Explicit paths stay as given.
  return { path: candidate.source === 'PATH' ? probe.executable : candidate.command, version: probe.version }
}
