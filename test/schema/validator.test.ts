import { describe, expect, it } from 'vitest'
import { MotiaError } from '../../src/errors.js'
import { compileSchema, formatIssues } from '../../src/schema/index.js'

const order = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    items: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, required: ['name'] },
    },
    status: { enum: ['new', 'paid'] },
  },
  required: ['email', 'items'],
  additionalProperties: false,
}

describe('compileSchema', () => {
  it('returns null for valid data', () => {
    const validate = compileSchema(order)
    expect(validate({ email: 'a@b.co', items: [{ name: 'x', qty: 2 }], status: 'paid' })).toBeNull()
  })

  it('reports every issue with a JSON Pointer path and a readable message (draft-07)', () => {
    const validate = compileSchema(order)
    expect(validate({ email: 'nope', items: [{ qty: 0 }], status: 'lost', extra: true })).toEqual([
      { path: '', message: "must NOT have additional properties: 'extra'" },
      { path: '/email', message: 'must match format "email"' },
      { path: '/items/0', message: "must have required property 'name'" },
      { path: '/items/0/qty', message: 'must be >= 1' },
      { path: '/status', message: 'must be equal to one of the allowed values: "new", "paid"' },
    ])
    expect(validate({})).toEqual([
      { path: '', message: "must have required property 'email'" },
      { path: '', message: "must have required property 'items'" },
    ])
    expect(validate('x')).toEqual([{ path: '', message: 'must be object' }])
  })

  it('supports draft 2020-12 when $schema says so (prefixItems, $defs, formats)', () => {
    const validate = compileSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ $ref: '#/$defs/email' }, { type: 'integer' }],
      items: false,
      $defs: { email: { type: 'string', format: 'email' } },
    })
    expect(validate(['a@b.co', 1])).toBeNull()
    expect(validate(['nope', 'x', 3])).toEqual([
      { path: '/0', message: 'must match format "email"' },
      { path: '/1', message: 'must be integer' },
      { path: '', message: 'must NOT have more than 2 items' },
    ])
  })

  it('supports draft 2019-09 when $schema says so (unevaluatedProperties)', () => {
    const validate = compileSchema({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      allOf: [{ properties: { a: { type: 'string' } } }],
      unevaluatedProperties: false,
    })
    expect(validate({ a: 'x' })).toBeNull()
    expect(validate({ a: 'x', b: 1 })).toEqual([{ path: '', message: "must NOT have unevaluated properties: 'b'" }])
  })

  it('supports formats such as date-time, uuid and uri', () => {
    const validate = compileSchema({
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, id: { type: 'string', format: 'uuid' }, site: { type: 'string', format: 'uri' } },
    })
    expect(validate({ at: '2024-01-01T00:00:00Z', id: '0b6e4c3e-8a5a-4a34-9a4c-1c8f1f3e2b1a', site: 'https://x.dev' })).toBeNull()
    expect(validate({ at: 'yesterday', id: '42', site: 'not a uri' })).toEqual([
      { path: '/at', message: 'must match format "date-time"' },
      { path: '/id', message: 'must match format "uuid"' },
      { path: '/site', message: 'must match format "uri"' },
    ])
  })

  it('treats unknown keywords and formats as annotations (pydantic and zod emit some)', () => {
    const validate = compileSchema({
      type: 'object',
      properties: { id: { type: 'string', format: 'cuid' }, kind: { type: 'string' } },
      discriminator: { propertyName: 'kind', mapping: {} },
      'x-internal': true,
    })
    expect(validate({ id: 'anything', kind: 'a' })).toBeNull()
  })

  it('compiles once: the same schema, or an equal one, gives the same function', () => {
    const a = { type: 'object', properties: { n: { type: 'number' } } }
    const b = JSON.parse(JSON.stringify(a)) as typeof a
    expect(compileSchema(a)).toBe(compileSchema(a))
    expect(compileSchema(b)).toBe(compileSchema(a))
  })

  it('lets two different schemas use the same $id', () => {
    const one = compileSchema({ $id: 'https://example.com/thing', type: 'string' })
    const two = compileSchema({ $id: 'https://example.com/thing', type: 'number' })
    expect(one('x')).toBeNull()
    expect(two('x')).toEqual([{ path: '', message: 'must be number' }])
  })

  it('throws E_SCHEMA with Ajv\'s message for an invalid schema', () => {
    const error = (() => {
      try {
        compileSchema({ type: 'strnig' })
      } catch (e) {
        return e as MotiaError
      }
      throw new Error('expected a throw')
    })()
    expect(error).toBeInstanceOf(MotiaError)
    expect(error.code).toBe('E_SCHEMA')
    expect(error.message).toBe(
      'Invalid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    )
  })

  it('throws E_SCHEMA for a dialect it does not support', () => {
    expect(() => compileSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' })).toThrow(
      'JSON Schema dialect "http://json-schema.org/draft-04/schema#" is not supported: use draft-07 (no `$schema`) or https://json-schema.org/draft/2020-12/schema',
    )
  })

  it('accepts draft-06 and draft-07 $schema URIs', () => {
    expect(compileSchema({ $schema: 'http://json-schema.org/draft-06/schema#', type: 'string' })('x')).toBeNull()
    expect(compileSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' })(1)).toEqual([{ path: '', message: 'must be string' }])
  })
})

describe('formatIssues', () => {
  it('joins issues into one line, paths first', () => {
    expect(
      formatIssues([
        { path: '', message: "must have required property 'email'" },
        { path: '/items/0/name', message: 'must be string' },
      ]),
    ).toBe("must have required property 'email'; /items/0/name must be string")
  })
})
