// What a JSON Schema says about the values it accepts, read conservatively: the JSON types it allows and
// the exact values it allows, when the schema pins them down. `undefined` means "cannot tell" (anything
// might pass), so callers never report a contradiction from what they cannot read.
import type { JsonSchema } from '../types.js'

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'
const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']

/** A schema beside the document its local `$ref`s point into. */
export interface Located {
  schema: unknown
  root: JsonSchema
}

export const isSchemaObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Follows local `$ref`s (`#/...`) to their target; the `$ref`'s siblings stay on top. Gives up after 32 hops. */
export function resolveRefs({ schema, root }: Located): JsonSchema | undefined {
  let current = schema
  for (let hops = 0; hops < 32; hops++) {
    if (!isSchemaObject(current)) return undefined
    const ref = current.$ref
    if (typeof ref !== 'string') return current
    const target = pointerTarget(root, ref)
    if (!isSchemaObject(target)) return undefined
    const { $ref: _followed, ...siblings } = current
    current = { ...target, ...siblings }
  }
  return undefined
}

function pointerTarget(root: JsonSchema, ref: string): unknown {
  if (ref === '#') return root
  if (!ref.startsWith('#/')) return undefined
  let target: unknown = root
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (!isSchemaObject(target)) return undefined
    target = target[key]
  }
  return target
}

/** The JSON types a value may have to pass, or undefined when the schema does not limit them. */
export function allowedTypes(located: Located): Set<JsonType> | undefined {
  const schema = resolveRefs(located)
  if (!schema) return undefined
  const sets: Set<JsonType>[] = []
  if (typeof schema.type === 'string' || Array.isArray(schema.type)) {
    const named = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is JsonType => JSON_TYPES.includes(t as JsonType))
    // Ajv also reads OpenAPI's `nullable: true` beside `type`.
    sets.push(new Set(schema.nullable === true ? [...named, 'null' as const] : named))
  }
  const values = allowedValues(located)
  if (values) sets.push(new Set(values.map(typeOfValue)))
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword]
    if (!Array.isArray(branches)) continue
    const union = new Set<JsonType>()
    let known = true
    for (const branch of branches) {
      const types = allowedTypes({ schema: branch, root: located.root })
      if (!types) known = false
      else for (const type of types) union.add(type)
    }
    if (known) sets.push(union)
  }
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      const types = allowedTypes({ schema: member, root: located.root })
      if (types) sets.push(types)
    }
  }
  return sets.length === 0 ? undefined : sets.reduce(intersectTypes)
}

/** The values a schema allows (`const`, `enum`, or every branch of an `anyOf` giving them), or undefined. */
export function allowedValues(located: Located): unknown[] | undefined {
  const schema = resolveRefs(located)
  if (!schema) return undefined
  if ('const' in schema) return [schema.const]
  if (Array.isArray(schema.enum)) return schema.enum
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword]
    if (!Array.isArray(branches)) continue
    const values: unknown[] = []
    for (const branch of branches) {
      const own = allowedValues({ schema: branch, root: located.root })
      if (!own) return undefined
      values.push(...own)
    }
    return values
  }
  return undefined
}

/** `integer` is a kind of `number`: their intersection is `integer`. */
export function intersectTypes(a: Set<JsonType>, b: Set<JsonType>): Set<JsonType> {
  const both = new Set<JsonType>()
  for (const type of a) {
    if (b.has(type)) both.add(type)
    else if (type === 'integer' && b.has('number')) both.add('integer')
    else if (type === 'number' && b.has('integer')) both.add('integer')
  }
  return both
}

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

/** Structural equality of JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]))
  const aKeys = Object.keys(a)
  const bRecord = b as Record<string, unknown>
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => key in bRecord && sameJson((a as Record<string, unknown>)[key], bRecord[key]))
}
