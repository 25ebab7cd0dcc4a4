import type { ProjectContract } from '../contract/index.js'
import type { GeneratedFile } from './generated-file.js'
import { typescriptTypesFile } from './typescript/index.js'

/** Every file made from the contract, in the order they are written and reported. */
export function generatedFiles(contract: ProjectContract): GeneratedFile[] {
  return [typescriptTypesFile(contract)]
}
