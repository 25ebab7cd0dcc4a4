// A Python step that imports `motia_types` cannot load before that module exists, and the module is
// made from the loaded steps. So before the first load a missing module is written from an empty
// contract: every name it is asked for resolves to `Any` at run time, until the real one replaces it.
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { discoverStepFiles } from '../../project/discover.js'
import { PYTHON_TYPES_PATH, pythonTypesFile } from './index.js'

/** Writes the placeholder `motia_types.py` when the project has Python step files and no module yet; true when written. */
export async function writeFirstPythonTypes(root: string): Promise<boolean> {
  const target = join(root, PYTHON_TYPES_PATH)
  if (existsSync(target)) return false
  const files = await discoverStepFiles(root)
  if (!files.some((file) => file.endsWith('.py'))) return false
  await writeFile(target, pythonTypesFile({ steps: [], topics: [], streams: [] }).content)
  return true
}
