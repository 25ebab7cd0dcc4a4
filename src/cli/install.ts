// `motia install`: .gitignore entries, then the project's Python environment when it has Python steps.
// Light on purpose: the up-to-date case answers without loading the Python tooling (execa alone
// costs more to import than the whole check).
import { statSync } from 'node:fs'
import { MotiaError } from '../errors.js'
import { discoverStepFiles } from '../project/discover.js'
import { relativePath } from '../project/relative-path.js'
import { ensureGitignore } from './gitignore.js'
import { UP_TO_DATE, venvState } from './install-stamp.js'

export interface InstallOptions {
  /** Receives progress lines, pip's output included. */
  log(line: string): void
  env?: NodeJS.ProcessEnv
}

const PYTHON_STEP = /[._]step\.py$/

/**
 * Adds `.venv` and `.motia` to `.gitignore` when missing, then, when the project has Python steps,
 * prepares Python (see installPython). Without Python steps it says so and needs no Python.
 */
export async function installProject(root: string, options: InstallOptions): Promise<void> {
  const { log } = options
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MotiaError('E_BAD_OPTION', `Project root ${root} is not a folder: pass the folder that holds steps/ or src/`, { retryable: false })
  }
  const added = await ensureGitignore(root)
  if (added.length > 0) log(`Added ${added.join(' and ')} to .gitignore`)
  const pythonSteps = (await discoverStepFiles(root)).filter((file) => PYTHON_STEP.test(file))
  if (pythonSteps.length === 0) {
    log('No Python steps (*_step.py, *.step.py) under steps/ or src/: nothing to install, Python is not needed.')
    return
  }
  const first = relativePath(root, pythonSteps[0]!)
  log(`${pythonSteps.length} Python step file${pythonSteps.length === 1 ? '' : 's'} (${first}${pythonSteps.length > 1 ? ', ...' : ''})`)
  if (!(options.env ?? process.env).MOTIA_PYTHON) {
    const { target, upToDate } = await venvState(root)
    if (upToDate) return log(UP_TO_DATE(target))
  }
  const { installPython } = await import('./install-python.js')
  await installPython(root, options)
}
