import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { z as z3 } from 'zod3'
import { z as z4FromZod3 } from 'zod3/v4'
import { z as zodV3 } from 'zod/v3'
import { MotiaError } from '../../src/errors.js'
import { compileSchema, toJsonSchema } from '../../src/schema/index.js'

const userObject = {
  type: 'object',
  properties: { email: { type: 'string', format: 'email' }, age: { type: 'number' } },
  required: ['email'],
}

function schemaError(run: () => unknown): MotiaError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MotiaError)
    expect((error as MotiaError).code).toBe('E_SCHEMA')
    return error as MotiaError
  }
  throw new Error('expected an E_SCHEMA error')
}

describe('toJsonSchema', () => {
  it('converts a zod 4 schema to draft-07, for the input side', () => {
    const schema = toJsonSchema(z.object({ email: z.email(), age: z.number().default(18) }), '`input`')
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, age: { type: 'number', default: 18 } },
      required: ['email'],
    })
    // A plain z.object strips unknown keys when parsing, so the JSON Schema allows them.
    expect(schema).not.toHaveProperty('additionalProperties')
    expect(toJsonSchema(z.strictObject({ a: z.string() }), '`input`')).toMatchObject({ additionalProperties: false })
  })

  it('converts a zod 4 schema made by another zod instance (zod3/v4)', () => {
    const schema = toJsonSchema(z4FromZod3.object({ email: z4FromZod3.string().email() }), '`input`')
    expect(schema).toMatchObject({ type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] })
  })

  it('converts zod 4 arrays', () => {
    expect(toJsonSchema(z.array(z.object({ id: z.string() })), '`input`')).toMatchObject({
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    })
  })

  it('converts a zod 3 schema (the zod3 package and zod/v3) with the same semantics', () => {
    const made = [
      [z3.object({ email: z3.string().email(), age: z3.number().default(18) }), z3.object({ a: z3.string() }).strict()],
      [zodV3.object({ email: zodV3.string().email(), age: zodV3.number().default(18) }), zodV3.object({ a: zodV3.string() }).strict()],
    ]
    for (const [loose, strict] of made) {
      const schema = toJsonSchema(loose, '`input`')
      expect(schema).toEqual({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { email: { type: 'string', format: 'email' }, age: { type: 'number', default: 18 } },
        required: ['email'],
        additionalProperties: true,
      })
      expect(toJsonSchema(strict, '`input`')).toMatchObject({ additionalProperties: false })
    }
  })

  it('converts the input side of zod 3 transforms and pipes', () => {
    const schema = toJsonSchema(z3.object({ n: z3.string().transform((s) => s.length) }), '`input`')
    expect(schema).toMatchObject({ properties: { n: { type: 'string' } } })
  })

  it('passes a JSON Schema object through unchanged', () => {
    expect(toJsonSchema(userObject, '`input`')).toBe(userObject)
    const empty = {}
    expect(toJsonSchema(empty, '`input`')).toBe(empty)
    const ref = { $ref: '#/definitions/a', definitions: { a: { type: 'string' } } }
    expect(toJsonSchema(ref, '`input`')).toBe(ref)
  })

  it('maps null and undefined to null (no schema)', () => {
    expect(toJsonSchema(null, '`input`')).toBeNull()
    expect(toJsonSchema(undefined, '`input`')).toBeNull()
  })

  it('passes a loose v0.x shape through as written (loadProject sets it aside)', () => {
    const loose = { email: 'string', age: 'number' }
    expect(toJsonSchema(loose, '`bodySchema`')).toBe(loose)
  })

  it('rejects values that are not schemas, naming the field and the value', () => {
    const cases: [unknown, string][] = [
      ['string', 'the string "string"'],
      [42, 'the number 42'],
      [true, 'the boolean true'],
      [() => 1, 'a function'],
      [[{ type: 'string' }], 'an array (1 item)'],
      [new Date(0), 'an instance of Date'],
      [{ '~standard': { vendor: 'valibot', version: 1 } }, 'a valibot schema (Standard Schema); only zod is converted, pass its JSON Schema instead'],
    ]
    for (const [value, got] of cases) {
      expect(schemaError(() => toJsonSchema(value, '`bodySchema`')).message).toBe(
        `\`bodySchema\` is not a schema (expected a zod schema or a JSON Schema object), got ${got}`,
      )
    }
  })

  it('reports a zod schema JSON Schema cannot express, with the fix', () => {
    const error = schemaError(() => toJsonSchema(z.object({ at: z.date() }), '`input`'))
    expect(error.message).toBe(
      '`input` is a zod schema that JSON Schema cannot express: Date cannot be represented in JSON Schema. Change that part of the schema (e.g. z.string().datetime() instead of z.date()) or pass a JSON Schema object',
    )
  })

  it('produces schemas that validate like zod does', () => {
    for (const schema of [
      z.object({ email: z.email() }),
      z3.object({ email: z3.string().email() }),
      z4FromZod3.object({ email: z4FromZod3.email() }),
    ]) {
      const validate = compileSchema(toJsonSchema(schema, '`input`')!)
      expect(validate({ email: 'a@b.co', extra: 1 })).toBeNull()
      expect(validate({ email: 'nope' })).toEqual([{ path: '/email', message: 'must match format "email"' }])
      expect(validate({})).toEqual([{ path: '', message: "must have required property 'email'" }])
    }
  })
})
