import { describe, expect, it } from 'vitest'
import { type SubscriberInput, topicPayload } from '../../src/contract/topic-payload.js'
import { compileSchema } from '../../src/schema/validator.js'
import type { JsonSchema } from '../../src/types.js'

// Shapes as the converters make them: zod through motia's toJsonSchema (input side), pydantic v2 through
// `model_json_schema()` (printed by the .venv's pydantic 2.14).
const zodDialect = 'http://json-schema.org/draft-07/schema#'
const zodBill: JsonSchema = {
  $schema: zodDialect,
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' }, note: { type: ['string', 'null'] } },
  required: ['orderId', 'amount'],
}
const pydanticShip: JsonSchema = {
  $defs: { Address: { properties: { city: { title: 'City', type: 'string' } }, required: ['city'], title: 'Address', type: 'object' } },
  properties: {
    orderId: { title: 'Order Id', type: 'string' },
    amount: { title: 'Amount', type: 'string' },
    address: { $ref: '#/$defs/Address' },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Note' },
  },
  required: ['orderId', 'amount', 'address'],
  title: 'Ship',
  type: 'object',
}
const pydanticNode: JsonSchema = {
  $defs: {
    Node: {
      properties: { name: { title: 'Name', type: 'string' }, children: { default: [], items: { $ref: '#/$defs/Node' }, title: 'Children', type: 'array' } },
      required: ['name'],
      title: 'Node',
      type: 'object',
    },
  },
  $ref: '#/$defs/Node',
}
const zodRecursive: JsonSchema = {
  $schema: zodDialect,
  type: 'object',
  properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
  required: ['name', 'children'],
}

const bill = (input: JsonSchema): SubscriberInput => ({ step: 'Bill', file: 'steps/bill.step.ts', input })
const ship = (input: JsonSchema): SubscriberInput => ({ step: 'Ship', file: 'steps/ship_step.py', input })
const object = (properties: JsonSchema, required: string[] = Object.keys(properties), extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  required,
  ...extra,
})

function conflictOf(a: JsonSchema, b: JsonSchema) {
  const payload = topicPayload('order.placed', [bill(a), ship(b)])
  if (payload.kind !== 'conflict') throw new Error(`expected a conflict, got ${JSON.stringify(payload)}`)
  return payload
}

function mergedOf(...inputs: JsonSchema[]): JsonSchema {
  const names = ['A', 'B', 'C', 'D']
  const payload = topicPayload('t', inputs.map((input, index) => ({ step: names[index] as string, file: `steps/${index}.step.ts`, input })))
  if (payload.kind !== 'schema') throw new Error(`expected a schema, got ${JSON.stringify(payload)}`)
  return payload.schema
}

// The merged schema accepts exactly what every input accepts: checked on samples with the app's Ajv.
function expectSameVerdicts(inputs: JsonSchema[], samples: unknown[]): void {
  const merged = compileSchema(mergedOf(...inputs))
  const each = inputs.map((input) => compileSchema(input))
  for (const sample of samples) {
    const expected = each.every((validate) => validate(sample) === null)
    expect({ sample, valid: merged(sample) === null }).toEqual({ sample, valid: expected })
  }
}

describe('topicPayload: contradictions', () => {
  it('names both steps, their files and the field when the types are disjoint (zod against pydantic)', () => {
    expect(conflictOf(zodBill, pydanticShip)).toEqual({
      kind: 'conflict',
      steps: ['Bill', 'Ship'],
      pointer: '/amount',
      message:
        'Topic "order.placed": "Bill" (steps/bill.step.ts) needs /amount to be a number, "Ship" (steps/ship_step.py) needs a string: no event can satisfy both',
    })
  })

  it('reports the data itself, nullable types, and integer against string', () => {
    expect(conflictOf({ type: 'object' }, { type: 'array' }).message).toContain('needs the data to be an object, "Ship" (steps/ship_step.py) needs an array')
    expect(conflictOf(object({ n: { type: ['string', 'null'] } }), object({ n: { type: 'integer' } })).message).toContain(
      'needs /n to be a string or null, "Ship" (steps/ship_step.py) needs an integer',
    )
    expect(conflictOf(object({ n: { anyOf: [{ type: 'string' }, { type: 'null' }] } }), object({ n: { type: 'boolean' } })).pointer).toBe('/n')
  })

  it('finds disjoint enum and const values', () => {
    const card = object({ method: { type: 'string', const: 'card' } })
    const pay = object({ method: { enum: ['cash', 'cheque'], type: 'string' } })
    expect(conflictOf(card, pay).message).toContain('needs /method to be "card", "Ship" (steps/ship_step.py) needs one of "cash", "cheque"')
    expect(topicPayload('t', [bill(card), ship(object({ method: { enum: ['card', 'cash'] } }))]).kind).toBe('schema')
  })

  it('finds a property one requires and the other forbids', () => {
    const strict = object({ orderId: { type: 'string' } }, ['orderId'], { additionalProperties: false })
    expect(conflictOf(object({ orderId: { type: 'string' }, amount: { type: 'number' } }), strict).message).toBe(
      'Topic "order.placed": "Bill" (steps/bill.step.ts) needs /amount to be present, "Ship" (steps/ship_step.py) needs it absent (additionalProperties: false): no event can satisfy both',
    )
    expect(conflictOf(strict, object({ coupon: { type: 'string' } })).message).toContain(
      'needs /coupon to be absent (additionalProperties: false), "Ship" (steps/ship_step.py) needs it present',
    )
    const noCoupon: JsonSchema = { type: 'object', not: { required: ['coupon'] } }
    expect(conflictOf(object({ coupon: { type: 'string' } }), noCoupon).message).toContain('needs it absent (`not: { required: ["coupon"] }`)')
    expect(conflictOf(object({ coupon: { type: 'string' } }), object({ coupon: false } as JsonSchema, [])).pointer).toBe('/coupon')
  })

  it('escapes the pointer and goes into nested objects and arrays that must have items', () => {
    const a = object({ 'a/b': object({ 'c~d': { type: 'number' } }) })
    const b = object({ 'a/b': object({ 'c~d': { type: 'string' } }) })
    expect(conflictOf(a, b).pointer).toBe('/a~1b/c~0d')
    const tags = (type: string, minItems?: number) => object({ tags: { type: 'array', items: { type }, ...(minItems ? { minItems } : {}) } })
    expect(conflictOf(tags('string', 1), tags('number')).pointer).toBe('/tags/*')
    // An empty array satisfies both: no contradiction.
    expect(topicPayload('t', [bill(tags('string')), ship(tags('number'))]).kind).toBe('schema')
  })

  it('follows pydantic $refs into their $defs', () => {
    const zodAddress = object({ address: object({ city: { type: 'number' } }) })
    expect(conflictOf(zodAddress, pydanticShip).pointer).toBe('/address/city')
    expect(conflictOf(object({ name: { type: 'number' } }), pydanticNode).pointer).toBe('/name')
  })

  it('does not report what some value satisfies', () => {
    const harmless: [JsonSchema, JsonSchema][] = [
      // A property optional on both sides may be left out.
      [object({ n: { type: 'string' } }, []), object({ n: { type: 'number' } }, [])],
      // Both accept null.
      [{ type: ['object', 'null'], properties: { a: { type: 'string' } }, required: ['a'] }, { type: ['object', 'null'], properties: { a: { type: 'number' } }, required: ['a'] }],
      // OpenAPI's nullable, which Ajv reads.
      [object({ n: { type: 'string', nullable: true } }), object({ n: { type: 'null' } })],
      // integer is a number.
      [object({ n: { type: 'integer' } }), object({ n: { type: 'number' } })],
      // A required property the other side does not name (no additionalProperties: false).
      [object({ a: { type: 'string' } }), object({ b: { type: 'string' } })],
      // Pattern properties might allow it.
      [object({ a: { type: 'string' } }), { type: 'object', patternProperties: { '^a': {} }, additionalProperties: false }],
      // Refs to pydantic and zod recursion.
      [pydanticShip, object({ orderId: { type: 'string' }, address: object({ city: { type: 'string' } }) })],
      [pydanticNode, zodRecursive],
      [{ $ref: '#/definitions/missing' }, { type: 'string' }],
      // Unknown shapes: nothing is read from them.
      [{ type: 'string', contentMediaType: 'text/plain' }, { type: 'string' }],
      [{}, { type: 'number' }],
    ]
    for (const [a, b] of harmless) expect({ a, b, kind: topicPayload('t', [bill(a), ship(b)]).kind }).toEqual({ a, b, kind: 'schema' })
  })

  it('checks every pair, in name order, and reports the first contradiction', () => {
    const payload = topicPayload('t', [
      { step: 'A', file: 'a.step.ts', input: object({ x: { type: 'string' } }) },
      { step: 'B', file: 'b_step.py', input: object({ y: { type: 'string' } }) },
      { step: 'C', file: 'c.step.ts', input: object({ y: { type: 'boolean' } }) },
    ])
    expect(payload).toMatchObject({ kind: 'conflict', steps: ['B', 'C'], pointer: '/y' })
  })
})

describe('topicPayload: the merged schema', () => {
  it('is the one input when there is one, and any when there is none', () => {
    expect(topicPayload('t', [])).toEqual({ kind: 'any' })
    expect(topicPayload('t', [ship(pydanticShip)])).toEqual({ kind: 'schema', schema: pydanticShip })
  })

  it('merges objects: union of properties and of required, property schemas merged, identical schemas once', () => {
    const a = { $schema: zodDialect, ...object({ id: { type: 'string' }, n: { type: 'number', minimum: 0 } }) }
    const b = { title: 'B', ...object({ id: { type: 'string' }, n: { type: 'integer', maximum: 9 }, tag: { type: 'string' } }, ['id', 'tag']) }
    expect(mergedOf(a, b)).toEqual({
      $schema: zodDialect,
      type: 'object',
      properties: { id: { type: 'string' }, n: { type: 'integer', minimum: 0, maximum: 9 }, tag: { type: 'string' } },
      required: ['id', 'n', 'tag'],
      title: 'B',
    })
    expect(mergedOf(a, a)).toEqual(a)
  })

  it('meets the other side’s additionalProperties, intersects enums and nullable types', () => {
    const strict = object({ id: { type: 'string' }, note: { type: ['string', 'null'] } }, ['id'], { additionalProperties: false })
    const loose = object({ id: { type: 'string' }, note: { type: 'string' }, extra: { type: 'string' } }, ['id'])
    expect(mergedOf(strict, loose)).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, note: { type: 'string' }, extra: false },
      required: ['id'],
      additionalProperties: false,
    })
    expect(mergedOf({ enum: ['a', 'b', 'c'] }, { enum: ['c', 'b'] })).toEqual({ enum: ['b', 'c'] })
  })

  it('keeps allOf where a structural merge would lose meaning', () => {
    const a = { type: 'string', pattern: '^a' }
    const b = { type: 'string', pattern: 'z$' }
    expect(mergedOf(object({ s: a }), object({ s: b }))).toEqual({ type: 'object', properties: { s: { allOf: [a, b] } }, required: ['s'] })
    const conditional = { type: 'object', dependencies: { a: ['b'] } }
    expect(mergedOf(conditional, object({ c: { type: 'string' } }))).toEqual({ allOf: [conditional, object({ c: { type: 'string' } })] })
  })

  it('moves schemas with $refs under $defs, their references rewritten (pydantic nested models, zod recursion)', () => {
    const merged = mergedOf(zodRecursive, pydanticNode, object({ name: { type: 'string', minLength: 1 } }))
    expect(merged).toEqual({
      $schema: zodDialect,
      $defs: {
        A: { ...zodRecursive, $schema: undefined, properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/A' } } } },
        B: {
          $defs: { Node: { ...(pydanticNode.$defs as { Node: JsonSchema }).Node, properties: expect.objectContaining({ children: expect.objectContaining({ items: { $ref: '#/$defs/B/$defs/Node' } }) }) } },
          $ref: '#/$defs/B/$defs/Node',
        },
      },
      allOf: [object({ name: { type: 'string', minLength: 1 } }), { $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }],
    })
  })

  it('accepts exactly what every subscriber accepts (Ajv on samples)', () => {
    const samples = [
      { name: 'a', children: [] },
      { name: 'a', children: [{ name: 'b', children: [] }] },
      { name: 'a', children: [{ name: 1, children: [] }] },
      { name: '', children: [] },
      { name: 'a' },
      {},
      null,
    ]
    expectSameVerdicts([pydanticNode, object({ name: { type: 'string', minLength: 1 } })], samples)
    // The app's Ajv refuses zod's `$ref: "#"` on its own (addUsedSchema: false); moved under $defs it compiles.
    const withRoot = compileSchema(mergedOf(zodRecursive, pydanticNode))
    expect(samples.map((sample) => withRoot(sample) === null)).toEqual([true, true, false, true, false, false, false])
    const shipSamples = [
      { orderId: 'o', amount: 'x', address: { city: 'Paris' } },
      { orderId: 'o', amount: 'x', address: {} },
      { orderId: 'o', amount: 'x', address: { city: 'Paris' }, note: null },
      { orderId: 'o', amount: 'x', address: { city: 'Paris' }, note: 3 },
      { orderId: 'o', address: { city: 'Paris' } },
    ]
    expectSameVerdicts([pydanticShip, object({ orderId: { type: 'string', minLength: 1 } }), { type: 'object', properties: { note: { type: 'string' } } }], shipSamples)
    const strict = object({ id: { type: 'string' }, note: { type: ['string', 'null'] } }, ['id'], { additionalProperties: false })
    const loose = object({ id: { type: 'string' }, note: { type: 'string' }, extra: { type: 'string' } }, ['id'])
    expectSameVerdicts([strict, loose], [{ id: 'a' }, { id: 'a', note: 'n' }, { id: 'a', note: null }, { id: 'a', extra: 'e' }, { id: 'a', other: 1 }])
  })
})
