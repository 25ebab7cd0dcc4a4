// A schema as users write it (zod v4, zod v3, or JSON Schema) -> JSON Schema, the one contract.
import { toJSONSchema } from 'zod'
import { zodToJsonSchema } from 'zod-to-json-schema'
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
  if (isZod4(input)) return convert(where, () => toJSONSchema(input as never, { target: 'draft-7', io: 'input' }))
  if (isZod3(input)) {
    return convert(where, () =>
      zodToJsonSchema(input as never, {
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
