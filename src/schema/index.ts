// Schemas: zod (v3, v4) or JSON Schema in, compiled Ajv validators out.
export { toJsonSchema } from './to-json-schema.js'
export { compileSchema, type Validate } from './validator.js'
export { formatIssues, type ValidationIssue } from './issues.js'
export { describeValue } from './describe-value.js'
export { isLooseSchema } from './schema-shape.js'
