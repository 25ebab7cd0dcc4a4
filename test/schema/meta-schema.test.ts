// dist/ checks draft-07 schemas with a meta-schema validator `npm run build` precompiles: it must judge
// every schema exactly as Ajv's own check would, with the same "schema is invalid: ..." text.
import { Ajv, type ValidateFunction } from 'ajv'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AJV_OPTIONS } from '../../src/schema/ajv-instances.js'
import { PRECOMPILED_META_FILE } from '../../src/schema/meta-schema.js'
import { REPO } from '../helpers/motia-process.js'

const PRECOMPILED = join(REPO, 'dist/schema', PRECOMPILED_META_FILE)

const SCHEMAS: Record<string, unknown>[] = [
  { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, n: { type: 'number', minimum: 0 } }, required: ['id'] },
  { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: { anyOf: [{ type: 'string' }, { const: null }] } },
  { type: 'strin' },
  { type: 'object', required: 'id', properties: [], additionalProperties: 3 },
  { $schema: 'http://json-schema.org/draft-07/schema', minLength: -1, enum: [], pattern: 5, items: [{ type: 7 }] },
  { definitions: { a: { $ref: 5 } }, if: 'x', dependencies: { a: 1 } },
]

describe('precompiled draft-07 meta-schema validator', () => {
  it('is built into dist/', () => {
    expect(existsSync(PRECOMPILED)).toBe(true)
  })

  it.each(SCHEMAS.map((schema, index) => [index, schema] as const))('judges schema %i as Ajv does', (_index, schema) => {
    const precompiled = (createRequire(import.meta.url)(PRECOMPILED) as { draft07: ValidateFunction }).draft07
    const ajv = new Ajv(AJV_OPTIONS)
    const valid = ajv.validateSchema(schema)
    expect(precompiled(schema)).toBe(valid)
    expect(ajv.errorsText(precompiled.errors)).toBe(ajv.errorsText(ajv.errors))
  })
})
