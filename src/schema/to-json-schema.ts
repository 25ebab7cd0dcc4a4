// A schema as users write it (zod v4, zod v3, or JSON Schema) -> JSON Schema, the one contract.
// The converters are required when a schema needs them: a project of JSON Schemas or of zod >= 4.2
// schemas (which convert themselves) never loads zod-to-json-schema or motia's own zod.
import { createRequire } from 'node:module'
import type { toJSONSchema } from 'zod'
import type { zodToJsonSchema } from 'zod-to-json-schema'
import { MotiaError } from '../errors.js'
import type { JsonSchema } from '../types.js'
import { describeValue } from './describe-value.js'
import { isJsonSchemaObject, isLooseSchema } from './schema-shape.js'

/**
 * Converts a step schema to JSON Schema. `where` names the field in messages, e.g. "`input`".
 * zod schemas are converted for their input side (what a producer sends): fields with defaults are
 * optional and unknown keys are allowed unless the object is strict, as `schema.parse` would.
 *
 * @example
 * toJsonSchema(z.object({ email: z.email() }), '`input`') // { type: 'object', properties: ..., required: ['email'] }
 * toJsonSchema(undefined, '`input`') // null: no schema, nothing is validated
 */
export function toJsonSchema(input: unknown, where: string): JsonSchema | null {
  if (input === null || input === undefined) return null
  if (isZod4(input)) return convert(where, () => zod4ToJsonSchema(input))
  if (isZod3(input)) {
    const { zodToJsonSchema: convertZod3 } = require('zod-to-json-schema') as { zodToJsonSchema: typeof zodToJsonSchema }
    return convert(where, () =>
      convertZod3(input as never, {
        target: 'jsonSchema7',
        pipeStrategy: 'input',
        effectStrategy: 'input',
        removeAdditionalStrategy: 'strict',
      }),
    )
  }
  if (isJsonSchemaObject(input)) return input as JsonSchema
  // Passed on as written: loadProject sets it aside with a warning (or refuses it with --strict).
  if (isLooseSchema(input)) return input as JsonSchema
  throw new MotiaError(
    'E_SCHEMA',
    `${where} is not a schema (expected a zod schema or a JSON Schema object), got ${describeValue(input)}`,
    { retryable: false },
  )
}

const require = createRequire(import.meta.url)

// The schema's own method uses the zod that made it (its registry holds `.describe()` and `.meta()`);
// zod 4.0 and 4.1 have no such method, nor has zod/mini: motia's zod converts those.
function zod4ToJsonSchema(schema: unknown): unknown {
  const params = { target: 'draft-7', io: 'input' } as const
  const own = (schema as { toJSONSchema?: unknown }).toJSONSchema
  if (typeof own === 'function') return (own as (options: typeof params) => unknown).call(schema, params)
  return (require('zod') as { toJSONSchema: typeof toJSONSchema }).toJSONSchema(schema as never, params)
}

// zod v4 (also `zod/v4` inside zod 3.25) keeps its internals under `_zod`.
function isZod4(value: unknown): boolean {
  const internals = (value as { _zod?: { def?: unknown } })._zod
  return typeof value === 'object' && typeof internals === 'object' && internals !== null && typeof internals.def === 'object'
}

function isZod3(value: unknown): boolean {
  const candidate = value as { _def?: unknown; safeParse?: unknown; _zod?: unknown }
  return typeof candidate._def === 'object' && typeof candidate.safeParse === 'function' && candidate._zod === undefined
}

function convert(where: string, run: () => unknown): JsonSchema {
  try {
    return run() as JsonSchema
  } catch (error) {
    throw new MotiaError(
      'E_SCHEMA',
      `${where} is a zod schema that JSON Schema cannot express: ${(error as Error).message}. Change that part of the schema (e.g. z.string().datetime() instead of z.date()) or pass a JSON Schema object`,
      { cause: error, retryable: false },
    )
  }
}
