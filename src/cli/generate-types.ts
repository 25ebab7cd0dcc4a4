import { resolve } from 'node:path'
import { buildContract } from '../contract/index.js'
import { generatedFiles, PYTHON_TYPES_PATH, writeFirstPythonTypes, writeGeneratedFiles } from '../typegen/index.js'
import { loadProjectForCommand } from './load-project-for-command.js'

/** `motia generate-types`: writes the project's generated files (types.d.ts, ...) that changed, one line per file. */
export async function generateTypes(flags: { project: string }, log: (line: string) => void): Promise<void> {
  const root = resolve(flags.project)
  // Python steps may import motia_types: the first generation needs a module to load them with.
  const placeholder = await writeFirstPythonTypes(root)
  const { steps, streams } = await loadProjectForCommand(root)
  const contract = buildContract(steps, streams)
  const written = new Set(await writeGeneratedFiles(root, contract))
  if (placeholder) written.add(PYTHON_TYPES_PATH)
  for (const { path } of generatedFiles(contract)) log(written.has(path) ? `Wrote ${path}` : `${path} is up to date`)
}
