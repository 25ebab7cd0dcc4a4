// Runs the repo's real mypy (--strict, Python 3.10) over files of a project, with the motia package on
// its path as a user's .venv has it. Returns mypy's error lines, `file:line: error: message  [code]`.
import { execa } from 'execa'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, VENV_PYTHON } from '../../helpers/motia-process.js'

const CONFIG = `[mypy]
strict = True
python_version = 3.10

[mypy-msgpack.*]
ignore_missing_imports = True
`

export async function mypy(project: string, targets: string[]): Promise<{ exitCode: number; errors: string[]; output: string }> {
  writeFileSync(join(project, 'mypy.ini'), CONFIG)
  const result = await execa(VENV_PYTHON, ['-m', 'mypy', '--config-file', 'mypy.ini', '--no-error-summary', ...targets], {
    cwd: project,
    reject: false,
    env: { MYPYPATH: [join(REPO, 'python'), project].join(':') },
  })
  const output = `${result.stdout}${result.stderr}`
  const errors = output.split('\n').filter((line) => line.includes(': error: '))
  return { exitCode: result.exitCode ?? -1, errors, output }
}
