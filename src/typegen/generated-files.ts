import type { ProjectContract } from '../contract/index.js'
import type { GeneratedFile } from './generated-file.js'
import { pythonTypesFile } from './python/index.js'
import { typescriptTypesFile } from './typescript/index.js'

/**
 * Every file made from the contract, in the order they are written and reported: `types.d.ts` always
 * (Motia v0.x wrote it for every project), `motia_types.py` when the project has Python steps or streams.
 */
export function generatedFiles(contract: ProjectContract): GeneratedFile[] {
  const hasPython = contract.steps.some((step) => step.language === 'python') || contract.streams.some((stream) => stream.language === 'python')
  return hasPython ? [typescriptTypesFile(contract), pythonTypesFile(contract)] : [typescriptTypesFile(contract)]
}
