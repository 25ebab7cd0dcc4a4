// Runs the real pyright (npm's `pyright`, the same checker PyPI's wrapper downloads) in strict mode over
// a project's step files, with the motia package on its path as a user's .venv has it.
import { execa } from 'execa'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, VENV_PYTHON } from '../../helpers/motia-process.js'

interface PyrightReport {
  generalDiagnostics: { file: string; severity: string; message: string; range: { start: { line: number } } }[]
}

/** Pyright's errors as `file:line: message` (the message on one line). */
export async function pyright(project: string, include: string[]): Promise<{ exitCode: number; errors: string[] }> {
  const config = { extraPaths: [join(REPO, 'python')], pythonVersion: '3.10', typeCheckingMode: 'strict', include }
  writeFileSync(join(project, 'pyrightconfig.json'), JSON.stringify(config))
  const result = await execa(join(REPO, 'node_modules/.bin/pyright'), ['--pythonpath', VENV_PYTHON, '--outputjson'], { cwd: project, reject: false })
  const report = JSON.parse(result.stdout) as PyrightReport
  const errors = report.generalDiagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.file.slice(project.length + 1)}:${diagnostic.range.start.line + 1}: ${diagnostic.message.replace(/\s*\n\s*/g, ' ')}`)
  return { exitCode: result.exitCode ?? -1, errors }
}
