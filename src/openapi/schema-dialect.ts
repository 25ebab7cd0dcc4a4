// A step schema (draft-07 unless its `$schema` says 2019-09 or 2020-12) -> a Schema Object of
// OpenAPI 3.1, whose dialect is JSON Schema 2020-12.
import { dialectOf } from '../schema/ajv-instances.js'
import type { JsonSchema } from '../types.js'

// Keywords whose value is a map of name -> schema, one schema, or a list of schemas.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])
const ONE_SCHEMA = new Set([
  'additionalProperties',
  'additionalItems',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])

export interface ConvertedSchema {
  schema: unknown
  /** The schema refers to itself (`#`, `#/$defs/...`): it must sit where those refs were rewritten to point. */
  hasLocalRefs: boolean
}

/**
 * Converts `schema` to 2020-12 and rewrites its local refs to start at `base` (a JSON pointer into the
 * OpenAPI document, e.g. `#/components/schemas/CreateOrder.body`): inside an OpenAPI document, `#`
 * means the document, not the schema. From draft-07: `definitions` -> `$defs`, array `items` ->
 * `prefixItems` (and `additionalItems` -> `items`), `dependencies` -> `dependentRequired` /
 * `dependentSchemas`. `$schema` is dropped: the document's dialect applies.
 */
export function toOpenApiSchema(schema: JsonSchema, base: string): ConvertedSchema {
  const draft07 = dialectOf(schema) === 'draft-07'
  let hasLocalRefs = false
  const rewriteRef = (ref: string): string => {
    if (!ref.startsWith('#')) return ref
    hasLocalRefs = true
    const pointer = draft07 ? ref.slice(1).replace(/^\/definitions(?=\/|$)/, '/$defs') : ref.slice(1)
    return `${base}${pointer}`
  }
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>
  const converted = convert(rest, draft07, rewriteRef)
  return { schema: converted, hasLocalRefs }
}

function convert(schema: unknown, draft07: boolean, rewriteRef: (ref: string) => string): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema
  const source = schema as Record<string, unknown>
  const out: Record<string, unknown> = {}
  const sub = (value: unknown) => convert(value, draft07, rewriteRef)
  const tuple = draft07 && Array.isArray(source.items)
  for (const [key, value] of Object.entries(source)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = rewriteRef(value)
    } else if (draft07 && key === 'definitions' && isObject(value)) {
      out.$defs = { ...mapValues(value, sub), ...(out.$defs as object | undefined) }
    } else if (draft07 && key === 'items' && tuple) {
      out.prefixItems = (value as unknown[]).map(sub)
    } else if (draft07 && key === 'additionalItems') {
      // Without a tuple, draft-07 ignores additionalItems.
      if (tuple) out.items = sub(value)
    } else if (draft07 && key === 'dependencies' && isObject(value)) {
      splitDependencies(value, out, sub)
    } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = key === '$defs' ? { ...(out.$defs as object | undefined), ...mapValues(value, sub) } : mapValues(value, sub)
    } else if (ONE_SCHEMA.has(key)) {
      out[key] = sub(value)
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(sub)
    } else {
      out[key] = value
    }
  }
  return out
}

// draft-07 `dependencies` mixes two keywords that 2020-12 keeps apart.
function splitDependencies(dependencies: Record<string, unknown>, out: Record<string, unknown>, sub: (value: unknown) => unknown): void {
  const required: Record<string, unknown> = {}
  const schemas: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(dependencies)) {
    if (Array.isArray(value)) required[name] = value
    else schemas[name] = sub(value)
  }
  if (Object.keys(required).length > 0) out.dependentRequired = required
  if (Object.keys(schemas).length > 0) out.dependentSchemas = schemas
}

function mapValues(map: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, fn(value)]))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
