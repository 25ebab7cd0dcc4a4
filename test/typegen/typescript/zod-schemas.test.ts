// zod schemas as TS steps declare them, through the converter the Node language uses, then to TS types.
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { toJsonSchema } from '../../../src/schema/to-json-schema.js'
import { schemaToType } from '../../../src/typegen/index.js'

const typeOf = (schema: unknown) => schemaToType(toJsonSchema(schema, 'input')!)

describe('types of zod schemas', () => {
  it('types objects with optional, nullable, defaulted, literal, record, tuple, union and array fields', () => {
    const schema = z.object({
      a: z.string(),
      b: z.number().optional(),
      c: z.string().nullable(),
      d: z.enum(['x', 'y']).default('x'),
      e: z.literal('k'),
      f: z.record(z.string(), z.number()),
      g: z.tuple([z.string(), z.number()]),
      h: z.union([z.string(), z.number()]),
      i: z.array(z.object({ s: z.boolean() })),
      'k-1': z.number().int(),
    })
    expect(typeOf(schema)).toBe(
      "{ a: string; b?: number; c: string | null; d?: 'x' | 'y'; e: 'k'; f: Record<string, number>; g: [string, number]; h: string | number; i: Array<{ s: boolean }>; 'k-1': number }",
    )
  })

  it('types a discriminated union as a union of its objects', () => {
    const schema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), x: z.string() }), z.object({ kind: z.literal('b'), y: z.number() })])
    expect(typeOf(schema)).toBe("{ kind: 'a'; x: string } | { kind: 'b'; y: number }")
  })
})
