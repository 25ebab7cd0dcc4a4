// JSON Schema -> a validator, compiled once per distinct schema and reused on every event.
import type { ValidateFunction } from 'ajv'
import { MotiaError } from '../errors.js'
import type { JsonSchema } from '../types.js'
import { ajvFor, dialectOf } from './ajv-instances.js'
import { checkAgainstMetaSchema } from './meta-schema.js'
import { toIssues, type ValidationIssue } from './issues.js'

/** Returns null when `data` is valid, else every issue found (Ajv `allErrors`). */
export type Validate = (data: unknown) => ValidationIssue[] | null

// Two levels: the same object (the common case, a step's own schema) skips JSON.stringify;
// equal schemas from different steps share one compiled function.
const byObject = new WeakMap<object, Validate>()
const byText = new Map<string, Validate>()

/**
 * Compiles a JSON Schema (draft-07 by default; 2019-09 or 2020-12 when `$schema` says so).
 * Throws a MotiaError `E_SCHEMA` with Ajv's message when the schema itself is invalid.
 *
 * @example
 * const validate = compileSchema({ type: 'object', required: ['email'] })
 * validate({}) // [{ path: '', message: "must have required property 'email'" }]
 */
export function compileSchema(schema: JsonSchema): Validate {
  const known = byObject.get(schema)
  if (known) return known
  const text = JSON.stringify(schema)
  let validate = byText.get(text)
  if (!validate) {
    validate = wrap(compile(schema))
    byText.set(text, validate)
  }
  byObject.set(schema, validate)
  return validate
}

function compile(schema: JsonSchema): ValidateFunction {
  const dialect = dialectOf(schema)
  if (typeof dialect !== 'string') {
    throw new MotiaError(
      'E_SCHEMA',
      `JSON Schema dialect "${dialect.unsupported}" is not supported: use draft-07 (no \`$schema\`) or https://json-schema.org/draft/2020-12/schema`,
      { retryable: false },
    )
  }
  try {
    const ajv = ajvFor(dialect)
    if (dialect === 'draft-07') checkAgainstMetaSchema(ajv, schema)
    return ajv.compile(schema)
  } catch (error) {
    throw new MotiaError('E_SCHEMA', `Invalid JSON Schema: ${(error as Error).message}`, { cause: error, retryable: false })
  }
}

function wrap(validate: ValidateFunction): Validate {
  // Named so stack traces say what it is; allocates only when the data is invalid.
  return function validateAgainstSchema(data: unknown) {
    return validate(data) ? null : toIssues(validate.errors ?? [])
  }
}
