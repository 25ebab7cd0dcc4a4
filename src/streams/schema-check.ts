// Stream schemas are advisory, as in Motia v0.x (real apps write values outside them): a mismatch is
// logged once per stream and JSON Pointer, and the value is stored. With --strict the write fails.
import { MotiaError } from '../errors.js'
import type { ValidationIssue } from '../schema/issues.js'
import { compileSchema, type Validate } from '../schema/validator.js'
import type { StreamDefinition } from './stream-definition.js'

export interface SchemaCheckOptions {
  strict: boolean
  warn: (message: string) => void
}

export type CheckItem = (groupId: string, id: string, data: unknown) => void

/** A check for `stream`'s writes; does nothing when the stream has no schema. */
export function schemaCheck(stream: StreamDefinition, options: SchemaCheckOptions): CheckItem {
  if (!stream.schema) return () => {}
  const validate: Validate = compileSchema(stream.schema)
  const warned = new Set<string>()
  return (groupId, id, data) => {
    const issues = validate(data)
    if (!issues) return
    const where = `Stream "${stream.name}": item "${id}" of group "${groupId}" does not match the stream's schema`
    if (options.strict) {
      throw new MotiaError(
        'E_STREAM_VALIDATION',
        `${where} (${issues.map(describeIssue).join('; ')}): nothing was stored. Fix the data or the schema in ${stream.relativePath}.`,
        { retryable: false },
      )
    }
    for (const issue of issues) {
      if (warned.has(issue.path)) continue
      warned.add(issue.path)
      options.warn(
        `${where} (${describeIssue(issue)}); stored anyway. Stream schemas are advisory: fix the data or the schema in ${stream.relativePath}, or run with --strict to refuse such writes. Said once per stream and field.`,
      )
    }
  }
}

const describeIssue = (issue: ValidationIssue) => `${issue.path === '' ? 'the item' : issue.path} ${issue.message}`
