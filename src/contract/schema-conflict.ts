// Two subscribers' schemas that no value can satisfy at once. Only sure contradictions count: disjoint
// types, disjoint enum/const values, a property one requires and the other forbids, and the same found
// inside a property either side requires (an optional one can be left out, so it never contradicts).
import { allowedTypes, allowedValues, intersectTypes, isSchemaObject, type JsonType, type Located, resolveRefs, sameJson } from './schema-facts.js'

export interface SchemaConflict {
  /** JSON Pointer into the data (`''` is the data itself; `*` stands for every item of an array). */
  pointer: string
  /** What the first schema needs there, to read after "needs <field>": `to be a number`. */
  left: string
  /** What the second one needs, to read after "needs": `a string`, `it absent (...)`. */
  right: string
}

const MAX_DEPTH = 64

/** The first contradiction between `a` and `b` (depth first, properties in sorted order), or undefined. */
export function findConflict(a: Located, b: Located): SchemaConflict | undefined {
  return conflictAt(a, b, [], 0)
}

function conflictAt(a: Located, b: Located, path: string[], depth: number): SchemaConflict | undefined {
  if (depth > MAX_DEPTH) return undefined
  const pointer = toPointer(path)
  const typesA = allowedTypes(a)
  const typesB = allowedTypes(b)
  if (typesA && typesB && intersectTypes(typesA, typesB).size === 0) return { pointer, left: `to be ${describe(a)}`, right: describe(b) }
  const valuesA = allowedValues(a)
  const valuesB = allowedValues(b)
  if (valuesA && valuesB && !valuesA.some((value) => valuesB.some((other) => sameJson(value, other)))) {
    return { pointer, left: `to be ${describe(a)}`, right: describe(b) }
  }
  const common = typesA && typesB ? intersectTypes(typesA, typesB) : undefined
  if (common?.size === 1 && common.has('object')) return propertyConflict(a, b, path, depth)
  if (common?.size === 1 && common.has('array')) return itemConflict(a, b, path, depth)
  return undefined
}

function propertyConflict(a: Located, b: Located, path: string[], depth: number): SchemaConflict | undefined {
  const schemaA = resolveRefs(a)
  const schemaB = resolveRefs(b)
  if (!schemaA || !schemaB) return undefined
  const keys = [...new Set([...propertyNames(schemaA), ...propertyNames(schemaB)])].sort()
  for (const key of keys) {
    const requiredA = requires(schemaA, key)
    const requiredB = requires(schemaB, key)
    if (!requiredA && !requiredB) continue
    const at = [...path, key]
    const forbiddenA = forbids(schemaA, key)
    const forbiddenB = forbids(schemaB, key)
    if (requiredA && forbiddenB) return { pointer: toPointer(at), left: 'to be present', right: `it absent (${forbiddenB})` }
    if (requiredB && forbiddenA) return { pointer: toPointer(at), left: `to be absent (${forbiddenA})`, right: 'it present' }
    const propertyA = propertySchema(schemaA, key)
    const propertyB = propertySchema(schemaB, key)
    if (propertyA === undefined || propertyB === undefined) continue
    const found = conflictAt({ schema: propertyA, root: a.root }, { schema: propertyB, root: b.root }, at, depth + 1)
    if (found) return found
  }
  return undefined
}

// Items only contradict when an item must exist: an empty array satisfies any two `items`.
function itemConflict(a: Located, b: Located, path: string[], depth: number): SchemaConflict | undefined {
  const schemaA = resolveRefs(a)
  const schemaB = resolveRefs(b)
  if (!schemaA || !schemaB) return undefined
  const needsItem = (schema: Record<string, unknown>) => typeof schema.minItems === 'number' && schema.minItems >= 1
  if (!needsItem(schemaA) && !needsItem(schemaB)) return undefined
  if (!isSchemaObject(schemaA.items) || !isSchemaObject(schemaB.items)) return undefined
  return conflictAt({ schema: schemaA.items, root: a.root }, { schema: schemaB.items, root: b.root }, [...path, '*'], depth + 1)
}

function propertyNames(schema: Record<string, unknown>): string[] {
  const properties = isSchemaObject(schema.properties) ? Object.keys(schema.properties) : []
  const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : []
  return [...properties, ...required]
}

function requires(schema: Record<string, unknown>, key: string): boolean {
  return Array.isArray(schema.required) && schema.required.includes(key)
}

/** Why `schema` forbids the property `key`, or undefined when it may be present. */
function forbids(schema: Record<string, unknown>, key: string): string | undefined {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {}
  if (properties[key] === false) return `its schema is \`false\``
  const not = schema.not
  if (isSchemaObject(not) && Array.isArray(not.required) && not.required.length === 1 && not.required[0] === key) {
    return `\`not: { required: ["${key}"] }\``
  }
  if (!(key in properties) && schema.additionalProperties === false && schema.patternProperties === undefined) {
    return 'additionalProperties: false'
  }
  return undefined
}

// The schema a value of property `key` must match; undefined when nothing limits it (or a pattern might).
function propertySchema(schema: Record<string, unknown>, key: string): unknown {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {}
  if (key in properties) return properties[key]
  if (schema.patternProperties !== undefined) return undefined
  return isSchemaObject(schema.additionalProperties) ? schema.additionalProperties : undefined
}

/** What a schema needs, in words: `a number`, `a string or null`, `"card"`, `one of "a", "b"`. */
function describe(located: Located): string {
  const values = allowedValues(located)
  if (values) return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((value) => JSON.stringify(value)).join(', ')}`
  const types = allowedTypes(located)
  return types && types.size > 0 ? [...types].map((type) => TYPE_WORDS[type]).join(' or ') : 'nothing'
}

const TYPE_WORDS: Record<JsonType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
}

/** RFC 6901: `~` and `/` are escaped inside a segment. */
export function toPointer(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
}
