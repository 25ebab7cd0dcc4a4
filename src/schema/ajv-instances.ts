// One Ajv instance per JSON Schema dialect, created on first use and shared by every compiled schema.
// The 2019-09 and 2020-12 builds are required (Ajv is CommonJS) only when a schema asks for them:
// each costs tens of milliseconds at start.
import { Ajv, type Options } from 'ajv'
import type { Ajv2019 } from 'ajv/dist/2019.js'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { createRequire } from 'node:module'

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as <T>(ajv: T) => T

const require = createRequire(import.meta.url)
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object

export type Dialect = 'draft-07' | '2019-09' | '2020-12'

// Lenient on purpose: schemas come from zod, pydantic and hand-written JSON, which use annotation
// keywords (`discriminator`, `x-*`) and formats Ajv does not know (`cuid`, `e164`). Unknown
// keywords and formats are annotations, as JSON Schema 2020-12 itself says.
// `addUsedSchema: false`: two steps may use the same `$id` for different schemas.
export const AJV_OPTIONS: Options = { allErrors: true, strict: false, logger: false, addUsedSchema: false }

const instances = new Map<Dialect, Ajv>()

export function ajvFor(dialect: Dialect): Ajv {
  let ajv = instances.get(dialect)
  if (!ajv) {
    ajv = create(dialect)
    instances.set(dialect, ajv)
  }
  return ajv
}

function create(dialect: Dialect): Ajv {
  if (dialect === '2020-12') return addFormats(new (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020(AJV_OPTIONS))
  if (dialect === '2019-09') return addFormats(new (require('ajv/dist/2019.js') as { Ajv2019: typeof Ajv2019 }).Ajv2019(AJV_OPTIONS))
  // validator.ts checks draft-07 schemas against their meta-schema itself (meta-schema.ts).
  const ajv = addFormats(new Ajv({ ...AJV_OPTIONS, validateSchema: false }))
  ajv.addMetaSchema(draft06)
  return ajv
}

/** Picks the dialect from `$schema`; schemas without one are draft-07 (what zod emits with target draft-7). */
export function dialectOf(schema: Record<string, unknown>): Dialect | { unsupported: string } {
  const uri = schema.$schema
  if (typeof uri !== 'string') return 'draft-07'
  if (uri.includes('2020-12')) return '2020-12'
  if (uri.includes('2019-09')) return '2019-09'
  if (/draft-0[67]\b/.test(uri)) return 'draft-07'
  return { unsupported: uri }
}
