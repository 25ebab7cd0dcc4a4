// Is a schema valid JSON Schema? Ajv answers by compiling the meta-schema's own validator first, which
// made the first schema of every start cost ~50 ms. dist/ ships the draft-07 meta-schema validator
// precompiled by `npm run build` (scripts/precompile-validators.js); without it (src/ run through
// tsx) and for other meta-schemas (draft-06), Ajv checks as before. Same verdict, same message.
import type { Ajv, ValidateFunction } from 'ajv'
import { createRequire } from 'node:module'

export const DRAFT_07_META = 'http://json-schema.org/draft-07/schema'
export const PRECOMPILED_META_FILE = 'draft-07-meta.compiled.cjs'

// What Ajv resolves to the draft-07 meta-schema: no `$schema`, or its id with or without the `#`.
const DRAFT_07_URI = /^http:\/\/json-schema\.org\/draft-07\/schema#?$/

let precompiled: ValidateFunction | null | undefined

/** Throws Ajv's own "schema is invalid: ..." error when `schema` breaks its meta-schema. */
export function checkAgainstMetaSchema(ajv: Ajv, schema: Record<string, unknown>): void {
  const uri = schema.$schema
  const validate = uri === undefined || (typeof uri === 'string' && DRAFT_07_URI.test(uri)) ? draft07Validator() : null
  if (!validate) {
    ajv.validateSchema(schema, true)
    return
  }
  if (!validate(schema)) throw new Error(`schema is invalid: ${ajv.errorsText(validate.errors)}`)
}

function draft07Validator(): ValidateFunction | null {
  if (precompiled === undefined) {
    try {
      precompiled = (createRequire(import.meta.url)(`./${PRECOMPILED_META_FILE}`) as { draft07: ValidateFunction }).draft07
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error
      precompiled = null
    }
  }
  return precompiled
}
