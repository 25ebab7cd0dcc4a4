export { schemaToType } from './schema-to-type.js'
export { TYPES_FILE, typescriptTypesFile } from './types-file.js'
