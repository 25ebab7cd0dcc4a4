// mypy over the Python step files (and the generated motia_types.py), with the Python the steps run
// on: a Python step emitting the wrong shape to a TS subscriber is only visible to the type checker.
import { execa } from 'execa'
import { existsSync } from 'node:fs'
import { basename, delimiter, join, relative, resolve } from 'node:path'
import { findPython } from '../languages/python/interpreter.js'
import { bundledPythonDir } from '../languages/python/paths.js'
import type { Finding, Findings } from './finding.js'

/** `file:line: error: message  [code]`, then `file:line: note: ...` lines that explain it. */
const DIAGNOSTIC = /^(.+?):(\d+):(?:\d+:)? (error|note): (.*)$/
const GENERATED_MODULE = 'motia_types.py'

export async function typecheckPython(root: string, env: NodeJS.ProcessEnv, pythonFiles: readonly string[]): Promise<Partial<Findings>> {
  if (pythonFiles.length === 0) return {}
  let python: string
  try {
    python = (await findPython(root, env)).path
  } catch (error) {
    return { info: [`Python type check skipped: ${(error as Error).message}`] }
  }
  const probe = await execa(python, ['-c', 'import mypy'], { cwd: root, env, reject: false })
  if (probe.exitCode !== 0) {
    return { info: [`Python type check skipped: mypy is not installed for ${python} (install it there: ${python} -m pip install mypy)`] }
  }
  const relativeFiles = pythonFiles.map((file) => relative(root, file).split('\\').join('/'))
  // `create_order.step.py` (v0.x's older naming) is no module name: mypy would read it as the module
  // `step` of a package `create_order`, and resolve its relative imports against that.
  const unnamed = relativeFiles.filter((file) => basename(file, '.py').includes('.'))
  const files = relativeFiles.filter((file) => !unnamed.includes(file))
  const info = unnamed.length === 0 ? [] : [unnamedModulesInfo(unnamed)]
  if (existsSync(join(root, GENERATED_MODULE)) && !files.includes(GENERATED_MODULE)) files.push(GENERATED_MODULE)
  if (files.length === 0) return { info }
  const result = await execa(
    python,
    ['-m', 'mypy', '--no-error-summary', '--no-pretty', '--no-color-output', '--cache-dir', join('.motia', 'mypy_cache'), ...files],
    // Steps import the bundled `motia` package as the runner lets them; the root is the working directory.
    { cwd: root, env: { ...env, MYPYPATH: [bundledPythonDir, env.MYPYPATH].filter(Boolean).join(delimiter) }, reject: false },
  )
  if (result.exitCode === 0) return { info }
  const errors = parseMypyOutput(String(result.stdout), root)
  if (errors.length === 0) {
    const output = `${String(result.stdout)}\n${String(result.stderr)}`.trim()
    errors.push({ code: 'mypy', message: `mypy failed (exit code ${result.exitCode ?? result.signal}): ${output}` })
  }
  return { errors, info }
}

function unnamedModulesInfo(files: readonly string[]): string {
  const example = files[0] ?? ''
  const renamed = `${basename(example, '.py').replaceAll('.', '_')}.py`
  return `Python type check skipped ${files.join(', ')}: a file name with a dot is no Python module name, so mypy cannot resolve its imports (rename it, e.g. ${basename(example)} -> ${renamed})`
}

export function parseMypyOutput(output: string, root: string): Finding[] {
  const errors: Finding[] = []
  for (const line of output.split(/\r?\n/)) {
    const match = DIAGNOSTIC.exec(line)
    if (!match) continue
    const [, file = '', lineNumber, severity, message = ''] = match
    if (severity === 'note') {
      const last = errors[errors.length - 1]
      if (last) last.message = `${last.message}\n  ${message}`
      continue
    }
    errors.push({ code: 'mypy', file: relative(root, resolve(root, file)).split('\\').join('/'), line: Number(lineNumber), message })
  }
  return errors
}
