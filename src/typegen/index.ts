// Placeholder on the `check` branch so it builds: the typegen-ts branch owns the real file.
import type { ProjectContract } from '../contract/contract.js'
import type { GeneratedFile } from './generated-file.js'

export type { GeneratedFile } from './generated-file.js'

/** The files `motia generate-types` writes for `contract`. */
export function generatedFiles(_contract: ProjectContract): GeneratedFile[] {
  return []
}
