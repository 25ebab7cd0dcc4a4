import { describe, expect, it } from 'vitest'
import { schemaToType } from '../../../src/typegen/index.js'

describe('schemaToType', () => {
  it.each([
    ['no schema', undefined, 'unknown'],
    ['true', true, 'unknown'],
    ['false', false, 'never'],
    ['{}', {}, 'unknown'],
    ['string', { type: 'string' }, 'string'],
    ['binary string (Motia v0.x)', { type: 'string', format: 'binary' }, 'Buffer'],
    ['integer', { type: 'integer' }, 'number'],
    ['number', { type: 'number', minimum: 0 }, 'number'],
    ['boolean', { type: 'boolean' }, 'boolean'],
    ['null', { type: 'null' }, 'null'],
    ['a list of types', { type: ['string', 'null'] }, 'string | null'],
    ['nullable (OpenAPI 3.0)', { type: 'integer', nullable: true }, 'number | null'],
    ['string enum', { type: 'string', enum: ['a', 'b'] }, "'a' | 'b'"],
    ['mixed enum', { enum: ['a', 1, true, null, { x: 1 }] }, 'unknown'],
    ['enum of primitives', { enum: ['a', 1, false, null] }, "'a' | 1 | false | null"],
    ['const', { const: 'fixed' }, "'fixed'"],
    ['const with quotes and a backslash', { const: "it's \\ \"ok\"\n" }, `'it\\'s \\\\ "ok"\\n'`],
    ['array', { type: 'array', items: { type: 'string' } }, 'Array<string>'],
    ['array without items', { type: 'array' }, 'Array<unknown>'],
    ['tuple (prefixItems)', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }, '[string, number]'],
    ['tuple with a rest', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } }, '[string, ...Array<number>]'],
    ['tuple (draft-07 items list)', { type: 'array', items: [{ type: 'boolean' }], additionalItems: false }, '[boolean]'],
    ['object', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] }, '{ a: string; b?: number }'],
    ['object keys that are not identifiers', { type: 'object', properties: { 'first-name': {}, $ok: {}, '1st': {} }, required: ['$ok'] }, "{ 'first-name'?: unknown; $ok: unknown; '1st'?: unknown }"],
    ['properties without type', { properties: { a: { type: 'string' } }, required: ['a'] }, '{ a: string }'],
    ['record', { type: 'object', additionalProperties: { type: 'number' } }, 'Record<string, number>'],
    ['object without properties', { type: 'object' }, 'Record<string, unknown>'],
    ['closed empty object', { type: 'object', properties: {}, additionalProperties: false }, 'Record<string, never>'],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, 'string | number'],
    ['oneOf', { oneOf: [{ const: 'a' }, { const: 'b' }, { const: 'a' }] }, "'a' | 'b'"],
    ['allOf', { allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } } }] }, '{ a: string } & { b?: number }'],
    [
      'allOf of unions',
      { allOf: [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, { anyOf: [{ type: 'number' }, { type: 'boolean' }] }] },
      '(string | number) & (number | boolean)',
    ],
    ['a union inside an object is not parenthesised', { allOf: [{ properties: { a: { enum: ['x', 'y'] } } }, { type: 'object' }] }, "{ a?: 'x' | 'y' } & Record<string, unknown>"],
    ['not {} (z.never())', { not: {} }, 'never'],
    ['a narrowing not', { type: 'string', not: { const: '' } }, 'string'],
  ])('%s', (_name, schema, expected) => {
    expect(schemaToType(schema)).toBe(expected)
  })

  it('inlines $ref into $defs, as pydantic writes them', () => {
    const order = {
      $defs: {
        Line: { properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku', 'qty'], title: 'Line', type: 'object' },
        Tone: { enum: ['warm', 'formal'], title: 'Tone', type: 'string' },
      },
      properties: {
        lines: { items: { $ref: '#/$defs/Line' }, type: 'array' },
        tone: { $ref: '#/$defs/Tone', default: 'warm' },
        gift: { anyOf: [{ $ref: '#/$defs/Line' }, { type: 'null' }], default: null },
      },
      required: ['lines'],
      type: 'object',
    }
    expect(schemaToType(order)).toBe("{ lines: Array<{ sku: string; qty: number }>; tone?: 'warm' | 'formal'; gift?: { sku: string; qty: number } | null }")
  })

  it('follows definitions, escaped pointers and the root', () => {
    expect(schemaToType({ definitions: { 'a/b': { type: 'string' } }, $ref: '#/definitions/a~1b' })).toBe('string')
    expect(schemaToType({ type: 'object', properties: { self: { $ref: '#' } } })).toBe('{ self?: { self?: unknown } }')
  })

  it('types a recursive model unknown where it recurs, and a reference it cannot follow unknown', () => {
    const tree = {
      $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
      $ref: '#/$defs/Node',
    }
    expect(schemaToType(tree)).toBe('{ children?: Array<unknown> }')
    expect(schemaToType({ $ref: '#/$defs/Missing' })).toBe('unknown')
    expect(schemaToType({ $ref: 'https://example.com/schema.json' })).toBe('unknown')
    expect(schemaToType({ $ref: '#/%' })).toBe('unknown')
    expect(schemaToType({ $ref: '#/__proto__' })).toBe('unknown')
  })
})
