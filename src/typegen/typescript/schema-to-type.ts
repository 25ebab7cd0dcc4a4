// JSON Schema -> the TypeScript type of the values it accepts, as Motia v0.x's types.d.ts wrote it
// (objects, Record, Array, unions, literal enums, `Buffer` for binary strings), and further: `const`,
// `type` lists, `nullable`, tuples, `allOf` as an intersection, and local `$ref`s (pydantic puts its
// models in `$defs`), inlined. Keywords that only narrow a value (minLength, pattern, ...) type nothing.
import type { JsonSchema } from '../../types.js'
import { intersectionOf, literalType, propertyKey, unionOf } from './ts-syntax.js'

interface Walk {
  /** The document `$ref`s point into. */
  root: unknown
  /** The `$ref`s being inlined: meeting one again is a recursive type, typed `unknown` there. */
  inlining: Set<string>
}

/** The type of the values `schema` accepts; `unknown` for what it cannot express. Deterministic. */
export function schemaToType(schema: unknown): string {
  return typeOf(schema, { root: schema, inlining: new Set() })
}

function typeOf(schema: unknown, walk: Walk): string {
  if (schema === false) return 'never'
  if (!isObject(schema)) return 'unknown'
  // Beside a `$ref`, pydantic writes only annotations (description, default).
  if (typeof schema.$ref === 'string') return refType(schema.$ref, walk)
  const parts: string[] = []
  if ('const' in schema) parts.push(literalType(schema.const))
  else if (Array.isArray(schema.enum)) parts.push(unionOf(schema.enum.map(literalType)))
  else parts.push(declaredType(schema, walk))
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = schema[keyword]
    if (Array.isArray(options)) parts.push(unionOf(options.map((option) => typeOf(option, walk))))
  }
  if (Array.isArray(schema.allOf)) parts.push(...schema.allOf.map((part) => typeOf(part, walk)))
  // `{ not: {} }` accepts nothing (zod's `z.never()`); other `not`s only narrow.
  if (isObject(schema.not) && Object.keys(schema.not).length === 0) parts.push('never')
  const type = intersectionOf(parts)
  // OpenAPI 3.0's way of saying `| null`.
  return schema.nullable === true ? unionOf([type, 'null']) : type
}

// The type from `type` (a name or a list), or inferred from the keywords of one kind when it is absent.
function declaredType(schema: JsonSchema, walk: Walk): string {
  const names = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : inferredTypeNames(schema)
  if (names.length === 0) return 'unknown'
  return unionOf(names.map((name) => typeNamed(String(name), schema, walk)))
}

function inferredTypeNames(schema: JsonSchema): string[] {
  if ('properties' in schema || 'additionalProperties' in schema) return ['object']
  if ('items' in schema || 'prefixItems' in schema) return ['array']
  return []
}

function typeNamed(name: string, schema: JsonSchema, walk: Walk): string {
  switch (name) {
    case 'string':
      return schema.format === 'binary' ? 'Buffer' : 'string'
    case 'number':
    case 'integer':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'null':
      return 'null'
    case 'array':
      return arrayType(schema, walk)
    case 'object':
      return objectType(schema, walk)
    default:
      return 'unknown'
  }
}

function arrayType(schema: JsonSchema, walk: Walk): string {
  // Tuples: `prefixItems` (2020-12, zod 4) or an `items` list (draft-07, with `additionalItems`).
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined
  if (prefix) {
    const rest = Array.isArray(schema.prefixItems) ? schema.items : schema.additionalItems
    const elements = prefix.map((item) => typeOf(item, walk))
    if (rest !== undefined && rest !== false) elements.push(`...Array<${typeOf(rest, walk)}>`)
    return `[${elements.join(', ')}]`
  }
  return `Array<${typeOf(schema.items, walk)}>`
}

function objectType(schema: JsonSchema, walk: Walk): string {
  const properties = isObject(schema.properties) ? Object.entries(schema.properties) : []
  if (properties.length > 0) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : [])
    const members = properties.map(([name, property]) => `${propertyKey(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, walk)}`)
    return `{ ${members.join('; ')} }`
  }
  const extra = schema.additionalProperties
  if (extra === false) return 'Record<string, never>'
  return `Record<string, ${typeOf(extra, walk)}>`
}

// Local references only (`#/$defs/Order`, `#/definitions/Order`, `#`); others cannot be followed here.
function refType(ref: string, walk: Walk): string {
  if (!ref.startsWith('#') || walk.inlining.has(ref)) return 'unknown'
  const target = resolvePointer(walk.root, ref.slice(1))
  if (target === undefined) return 'unknown'
  walk.inlining.add(ref)
  try {
    return typeOf(target, walk)
  } finally {
    walk.inlining.delete(ref)
  }
}

// RFC 6901 JSON Pointer, as it appears URI-encoded in a `$ref` fragment.
function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document
  if (!pointer.startsWith('/')) return undefined
  let node = document
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodeToken(raw)
    if ((!isObject(node) && !Array.isArray(node)) || token === undefined || !Object.hasOwn(node, token)) return undefined
    node = (node as Record<string, unknown>)[token]
  }
  return node
}

function decodeToken(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
