import { describe, expect, it } from 'vitest'
import { isJsonSchemaObject, isLooseSchema } from '../../src/schema/schema-shape.js'

describe('isLooseSchema', () => {
  it('recognises the shapes v0.x apps wrote instead of a schema', () => {
    const loose = [
      { error: 'string' },
      { id: 'string', title: 'string', completed: 'boolean' },
      { message: 'string', description: 'string', user: { name: 'string' } },
      { title: 'string' },
      { format: 'string', minimum: 'number' },
      Object.assign(Object.create(null), { ok: 'boolean' }),
    ]
    for (const value of loose) {
      expect([value, isLooseSchema(value)]).toEqual([value, true])
      expect(isJsonSchemaObject(value)).toBe(false)
    }
  })

  it('never takes a JSON Schema for a loose shape, so real schemas stay enforced', () => {
    const schemas = [
      {},
      { type: 'object', properties: { error: { type: 'string' } } },
      { type: 'string' },
      { $ref: '#/definitions/x', definitions: { x: {} } },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
      { enum: ['a', 'b'] },
      { properties: { a: { type: 'string' } }, error: 'string' },
      { $schema: 'http://json-schema.org/draft-07/schema#' },
    ]
    for (const value of schemas) {
      expect([value, isLooseSchema(value)]).toEqual([value, false])
      expect(isJsonSchemaObject(value)).toBe(true)
    }
  })

  it('takes a schema without a structural keyword for a loose shape (the documented price): it needs its `type`', () => {
    expect(isLooseSchema({ description: 'anything' })).toBe(true)
    expect(isLooseSchema({ type: 'string', format: 'email' })).toBe(false)
  })

  it('is false for what is not a plain object: arrays, strings, class instances, Standard Schemas', () => {
    for (const value of [['a'], 'string', 42, null, undefined, new Date(0), { '~standard': { vendor: 'valibot' } }]) {
      expect(isLooseSchema(value)).toBe(false)
    }
  })
})
