// The conjunction of two JSON Schemas without `$ref`s, written as one schema where that is safe: objects
// get the union of their properties and of `required`, property schemas merged the same way; bounds
// take the tighter value. Where a merge could change the meaning (two different patterns, two `anyOf`s,
// keywords that read each other such as `if`/`then`), that level stays `{ allOf: [a, b] }`.
import { isSchemaObject, sameJson } from './schema-facts.js'

type Schema = Record<string, unknown>

/** Describe the value but never restrict it: the first schema's wins when both set one. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly'])
const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'])
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'])
/** Keywords that each assert on their own: when only one side has one, the merge keeps it as is. */
const INDEPENDENT = new Set([
  ...ANNOTATIONS,
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  '$schema',
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'multipleOf',
  'uniqueItems',
  'required',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
])
/** Read together by the object merge below. */
const OBJECT_KEYWORDS = new Set(['properties', 'additionalProperties'])

/** A schema every value passing both `a` and `b` passes, and no other value. */
export function mergeSchemas(a: unknown, b: unknown): unknown {
  if (sameJson(a, b)) return a
  if (acceptsAnything(a)) return b
  if (acceptsAnything(b)) return a
  if (a === false || b === false) return false
  if (!isSchemaObject(a) || !isSchemaObject(b)) return { allOf: [a, b] }
  return mergeObjects(a, b) ?? { allOf: [a, b] }
}

function acceptsAnything(schema: unknown): boolean {
  return schema === true || (isSchemaObject(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key === '$schema'))
}

// Undefined when some keyword cannot be merged safely.
function mergeObjects(a: Schema, b: Schema): Schema | undefined {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  if (!keys.every((key) => INDEPENDENT.has(key) || OBJECT_KEYWORDS.has(key))) return undefined
  const merged: Schema = {}
  for (const key of keys) {
    if (OBJECT_KEYWORDS.has(key)) continue
    if (!(key in b)) merged[key] = a[key]
    else if (!(key in a) || sameJson(a[key], b[key])) merged[key] = b[key]
    else {
      const value = mergeKeyword(key, a[key], b[key])
      if (value === undefined) return undefined
      merged[key] = value
    }
  }
  if (keys.some((key) => OBJECT_KEYWORDS.has(key))) Object.assign(merged, mergeProperties(a, b))
  return merged
}

function mergeKeyword(key: string, a: unknown, b: unknown): unknown {
  if (ANNOTATIONS.has(key)) return a
  if (LOWER_BOUNDS.has(key) && typeof a === 'number' && typeof b === 'number') return Math.max(a, b)
  if (UPPER_BOUNDS.has(key) && typeof a === 'number' && typeof b === 'number') return Math.min(a, b)
  if (key === 'type') return mergeTypes(a, b)
  if (key === 'enum' && Array.isArray(a) && Array.isArray(b)) {
    const both = a.filter((value) => b.some((other) => sameJson(value, other)))
    return both.length > 0 ? both : undefined
  }
  if (key === 'required' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b.filter((name) => !a.includes(name))]
  if (key === 'uniqueItems') return a === true || b === true
  if (key === 'items' && isSchemaObject(a) && isSchemaObject(b)) return mergeSchemas(a, b)
  return undefined
}

// `integer` is a kind of `number`; an empty intersection is no merge (the caller keeps `allOf`).
function mergeTypes(a: unknown, b: unknown): unknown {
  const list = (type: unknown): string[] => (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string')
  const fromB = list(b)
  const both: string[] = []
  for (const type of list(a)) {
    if (fromB.includes(type)) both.push(type)
    else if ((type === 'integer' && fromB.includes('number')) || (type === 'number' && fromB.includes('integer'))) both.push('integer')
  }
  const unique = [...new Set(both)]
  if (unique.length === 0) return undefined
  return unique.length === 1 ? unique[0] : unique
}

// A property only one side names still meets the other side's `additionalProperties`.
function mergeProperties(a: Schema, b: Schema): Schema {
  const propertiesA = isSchemaObject(a.properties) ? a.properties : {}
  const propertiesB = isSchemaObject(b.properties) ? b.properties : {}
  const properties: Schema = {}
  for (const key of new Set([...Object.keys(propertiesA), ...Object.keys(propertiesB)])) {
    const fromA = key in propertiesA ? propertiesA[key] : a.additionalProperties
    const fromB = key in propertiesB ? propertiesB[key] : b.additionalProperties
    properties[key] = fromA === undefined ? fromB : fromB === undefined ? fromA : mergeSchemas(fromA, fromB)
  }
  const result: Schema = {}
  if (a.properties !== undefined || b.properties !== undefined) result.properties = properties
  const additional =
    a.additionalProperties === undefined
      ? b.additionalProperties
      : b.additionalProperties === undefined
        ? a.additionalProperties
        : mergeSchemas(a.additionalProperties, b.additionalProperties)
  if (additional !== undefined) result.additionalProperties = additional
  return result
}
