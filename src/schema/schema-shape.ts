// What a plain object written as a schema is: a JSON Schema, or a "loose" shape Motia v0.x ignored.

// Keywords that give a JSON Schema its shape. A loose shape such as `{ id: 'string', title: 'string' }`
// can use the other keywords (`title`, `description`, `format`, ...) as field names, so only these count.
const STRUCTURAL_KEYWORDS = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames',
  'items', 'prefixItems', 'contains', 'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', 'definitions',
])

const isStructural = (key: string) => STRUCTURAL_KEYWORDS.has(key) || key.startsWith('$')

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** `{}` (accepts anything), or a plain object with a structural keyword (`type`, `properties`, `$ref`, ...). */
export function isJsonSchemaObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return keys.length === 0 || keys.some(isStructural)
}

/**
 * Any other non-empty plain object, e.g. `{ error: 'string' }`: a shape written for Motia v0.x, which
 * accepted and ignored it. A JSON Schema that constrains a value's shape has a structural keyword,
 * so it is never loose and stays enforced. The price: a schema made only of annotations or of
 * type-specific checks (`{ description }`, `{ format: 'email' }`) is taken as loose; add its `type`.
 *
 * @example
 * isLooseSchema({ id: 'string', title: 'string' }) // true: `title` is only an annotation keyword
 * isLooseSchema({ error: 'string', items: 'Item[]' }) // false: `items` is structural, so it is checked as JSON Schema
 */
export function isLooseSchema(value: unknown): value is Record<string, unknown> {
  // A Standard Schema (valibot, arktype, ...) is a real schema we cannot convert: not ignored.
  return isPlainObject(value) && !('~standard' in value) && !isJsonSchemaObject(value)
}
