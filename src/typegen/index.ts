export type { GeneratedFile } from './generated-file.js'
export { generatedFiles } from './generated-files.js'
export { schemaToType, TYPES_FILE, typescriptTypesFile } from './typescript/index.js'
export { writeGeneratedFiles } from './write-generated-files.js'
