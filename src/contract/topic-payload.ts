// What every subscriber of a topic accepts: one merged schema, or the contradiction that makes it empty.
import type { JsonSchema } from '../types.js'
import type { TopicPayload } from './contract.js'
import { mergeSchemas } from './merge-schemas.js'
import { findConflict } from './schema-conflict.js'
import { isSchemaObject } from './schema-facts.js'

export interface SubscriberInput {
  step: string
  /** Relative to the project root. */
  file: string
  input: JsonSchema
}

/**
 * The payload of `topic` given its subscribers' `input` schemas (in step-name order). Schemas that
 * refer into themselves (`$ref`, as pydantic's nested models and recursive zod schemas do) are not
 * merged structurally: each moves under `$defs` with its references rewritten, and the payload is the
 * `allOf` of the merged rest and those.
 */
export function topicPayload(topic: string, inputs: readonly SubscriberInput[]): TopicPayload {
  if (inputs.length === 0) return { kind: 'any' }
  for (const [index, a] of inputs.entries()) {
    for (const b of inputs.slice(index + 1)) {
      const conflict = findConflict({ schema: a.input, root: a.input }, { schema: b.input, root: b.input })
      if (!conflict) continue
      const field = conflict.pointer === '' ? 'the data' : conflict.pointer
      return {
        kind: 'conflict',
        steps: [a.step, b.step],
        pointer: conflict.pointer,
        message: `Topic "${topic}": "${a.step}" (${a.file}) needs ${field} ${conflict.left}, "${b.step}" (${b.file}) needs ${conflict.right}: no event can satisfy both`,
      }
    }
  }
  if (inputs.length === 1) return { kind: 'schema', schema: (inputs[0] as SubscriberInput).input }
  const plain = inputs.filter(({ input }) => !refersIntoItself(input))
  const referring = inputs.filter(({ input }) => refersIntoItself(input))
  const merged = plain.map(({ input }) => input as unknown).reduce((all, input) => mergeSchemas(all, input), true)
  if (referring.length === 0) return { kind: 'schema', schema: (isSchemaObject(merged) ? merged : { allOf: [merged] }) as JsonSchema }
  const dialect = inputs.map(({ input }) => input.$schema).find((value) => typeof value === 'string')
  const $defs: JsonSchema = {}
  for (const { step, input } of referring) $defs[step] = embedded(input, `#/$defs/${escapeSegment(step)}`)
  return {
    kind: 'schema',
    schema: {
      ...(dialect ? { $schema: dialect } : {}),
      $defs,
      allOf: [...(merged === true ? [] : [merged]), ...referring.map(({ step }) => ({ $ref: `#/$defs/${escapeSegment(step)}` }))],
    },
  }
}

const SELF_REFERENCE = new Set(['$ref', '$defs', 'definitions', '$id', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef'])
/** Values, not schemas: nothing inside them is a reference. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples'])

function refersIntoItself(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(refersIntoItself)
  if (!isSchemaObject(schema)) return false
  return Object.entries(schema).some(([key, value]) => SELF_REFERENCE.has(key) || (!DATA_KEYWORDS.has(key) && refersIntoItself(value)))
}

// The schema as it reads once moved to `base`: its local references (`#...`) now start there.
function embedded(schema: JsonSchema, base: string): JsonSchema {
  const { $schema: _dialect, ...rest } = schema
  return rewriteRefs(rest, base) as JsonSchema
}

function rewriteRefs(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, base))
  if (!isSchemaObject(value)) return value
  // A resource with its own `$id` resolves its references against itself.
  if (typeof value.$id === 'string') return value
  const result: JsonSchema = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && item.startsWith('#')) result[key] = `${base}${item.slice(1)}`
    else result[key] = DATA_KEYWORDS.has(key) ? item : rewriteRefs(item, base)
  }
  return result
}

function escapeSegment(segment: string): string {
  return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))
}
