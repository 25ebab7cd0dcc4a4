// A request body to start from, built from the step's body schema as Motia's Workbench does: the
// schema's own example or default first, then const, the first enum value, a sample per format, and
// every property (required or not) of an object.

type Schema = Record<string, unknown>

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'user@example.com',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
}

const MAX_DEPTH = 8

/** The example value of a JSON Schema (draft-07 to 2020-12, OpenAPI 3.1). */
export function exampleFromSchema(schema: unknown, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > MAX_DEPTH) return null
  const s = schema as Schema
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0]
  if ('example' in s) return s.example
  if ('default' in s) return s.default
  if ('const' in s) return s.const
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0]
  const choice = firstOf(s.oneOf) ?? firstOf(s.anyOf)
  if (choice !== undefined) return exampleFromSchema(choice, depth + 1)
  if (Array.isArray(s.allOf)) return mergeAll(s.allOf.map((part) => exampleFromSchema(part, depth + 1)))
  switch (typeOf(s)) {
    case 'object':
      return objectExample(s, depth)
    case 'array':
      return Array.from({ length: Math.max(1, Number(s.minItems) || 0) }, () => exampleFromSchema(s.items ?? {}, depth + 1))
    case 'string':
      return stringExample(s)
    case 'integer':
      return Math.ceil(numberBound(s))
    case 'number':
      return numberBound(s)
    case 'boolean':
      return false
    case 'null':
      return null
    default:
      return null
  }
}

function objectExample(s: Schema, depth: number): Record<string, unknown> {
  const properties = (s.properties ?? {}) as Record<string, unknown>
  const required = Array.isArray(s.required) ? (s.required as string[]) : []
  const names = [...Object.keys(properties), ...required.filter((name) => !(name in properties))]
  return Object.fromEntries(names.map((name) => [name, exampleFromSchema(properties[name] ?? {}, depth + 1)]))
}

function stringExample(s: Schema): string {
  const sample = typeof s.format === 'string' ? FORMAT_SAMPLES[s.format] : undefined
  if (sample !== undefined) return sample
  const min = Number(s.minLength) || 0
  return 'string'.padEnd(min, 'x')
}

function numberBound(s: Schema): number {
  if (typeof s.minimum === 'number') return s.minimum
  if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1
  if (typeof s.maximum === 'number' && s.maximum < 0) return s.maximum
  return 0
}

// `type: ['string', 'null']` takes its first non-null type; no `type` but `properties` is an object.
function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return (s.type as string[]).find((type) => type !== 'null') ?? 'null'
  if (typeof s.type === 'string') return s.type
  if (s.properties !== undefined) return 'object'
  if (s.items !== undefined) return 'array'
  return undefined
}

function firstOf(list: unknown): unknown {
  if (!Array.isArray(list)) return undefined
  return list.find((item) => (item as Schema)?.type !== 'null') ?? list[0]
}

function mergeAll(parts: unknown[]): unknown {
  if (parts.every((part) => typeof part === 'object' && part !== null && !Array.isArray(part))) return Object.assign({}, ...parts)
  return parts[0] ?? null
}
