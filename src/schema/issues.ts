// Ajv errors -> ValidationIssue: a JSON Pointer to the bad value and a sentence a user can act on.
import type { ErrorObject } from 'ajv'

export interface ValidationIssue {
  /** JSON Pointer into the validated data, e.g. `/items/0/name`; `` (empty) is the value itself. */
  path: string
  /** Human readable, e.g. "must have required property 'email'". */
  message: string
}

export function toIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  // zod emits `format` and the regex behind it as `pattern`: report "must match format "email"" only.
  const formats = new Set(errors.filter((e) => e.keyword === 'format').map((e) => parentOf(e.schemaPath)))
  const kept = formats.size ? errors.filter((e) => !(e.keyword === 'pattern' && formats.has(parentOf(e.schemaPath)))) : errors
  return kept.map((error) => ({ path: error.instancePath, message: describe(error) }))
}

function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'))
}

// Ajv's own messages, completed with the detail Ajv keeps in `params`.
function describe(error: ErrorObject): string {
  const base = error.message ?? `must pass "${error.keyword}"`
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'enum':
      return `${base}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'const':
      return `${base}: ${JSON.stringify(params.allowedValue)}`
    case 'additionalProperties':
      return `${base}: '${String(params.additionalProperty)}'`
    case 'unevaluatedProperties':
      return `${base}: '${String(params.unevaluatedProperty)}'`
    default:
      return base
  }
}

/** "`/items/0/name` must be string; `` must have required property 'email'" -> one line for logs and errors. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path} ${issue.message}`)).join('; ')
}
