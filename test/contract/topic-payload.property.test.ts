// Random pairs of schemas from a small grammar, against random values: a reported contradiction must
// never have a value both schemas accept, and a merged schema must accept exactly what both accept.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { topicPayload } from '../../src/contract/topic-payload.js'
import { compileSchema } from '../../src/schema/validator.js'
import type { JsonSchema } from '../../src/types.js'

const scalars = fc.constantFrom<unknown>('x', 'y', '', 1, 2.5, -3, true, false, null)
const keys = fc.constantFrom('a', 'b', 'c')

const values: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalars,
    fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
    fc.array(tie('value'), { maxLength: 2 }),
  ),
})).value

const leafSchemas = fc.oneof(
  fc.constantFrom<JsonSchema>(
    {},
    { type: 'string' },
    { type: 'number' },
    { type: 'integer' },
    { type: 'boolean' },
    { type: 'null' },
    { type: ['string', 'null'] },
    { type: 'string', nullable: true },
    { anyOf: [{ type: 'string' }, { type: 'null' }] },
    { type: 'string', minLength: 1 },
    { type: 'number', minimum: 0 },
    { type: 'number', maximum: 2 },
    { type: 'string', pattern: '^x' },
  ),
  fc.subarray(['x', 'y', 1, true, null] as unknown[], { minLength: 1 }).map((enumValues) => ({ enum: enumValues }) as JsonSchema),
  scalars.map((value) => ({ const: value }) as JsonSchema),
)

const schemas: fc.Arbitrary<JsonSchema> = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafSchemas,
    fc
      .record({
        properties: fc.dictionary(keys, tie('schema'), { maxKeys: 3 }),
        required: fc.subarray(['a', 'b', 'c']),
        closed: fc.boolean(),
      })
      .map(({ properties, required, closed }) => ({ type: 'object', properties, required, ...(closed ? { additionalProperties: false } : {}) })),
    fc.record({ items: tie('schema'), minItems: fc.constantFrom(0, 1) }).map(({ items, minItems }) => ({ type: 'array', items, minItems })),
  ),
})).schema

describe('topicPayload on random schema pairs', () => {
  it('reports a contradiction only when no value passes both, and merges to exactly what both accept', () => {
    fc.assert(
      fc.property(schemas, schemas, fc.array(values, { minLength: 30, maxLength: 30 }), (a, b, samples) => {
        const payload = topicPayload('t', [
          { step: 'A', file: 'a.step.ts', input: a },
          { step: 'B', file: 'b_step.py', input: b },
        ])
        const validA = compileSchema(a)
        const validB = compileSchema(b)
        const both = samples.filter((sample) => validA(sample) === null && validB(sample) === null)
        if (payload.kind === 'conflict') {
          expect({ a, b, acceptedByBoth: both }).toEqual({ a, b, acceptedByBoth: [] })
          return
        }
        expect(payload.kind).toBe('schema')
        const merged = compileSchema((payload as { schema: JsonSchema }).schema)
        for (const sample of samples) {
          expect({ sample, merged: merged(sample) === null }).toEqual({ sample, merged: validA(sample) === null && validB(sample) === null })
        }
      }),
      { numRuns: 400, seed: 11 },
    )
  })

  // Objects over the same keys with overlapping property schemas: most pairs merge, and most samples
  // pass one side or both, so the merged schema is checked where it matters.
  it('merges objects of overlapping properties to exactly what both accept', () => {
    const stringish = fc.constantFrom<JsonSchema>(
      {},
      { type: 'string' },
      { type: 'string', minLength: 1 },
      { type: 'string', pattern: '^x' },
      { enum: ['x', 'y'] },
      { const: 'x' },
      { type: ['string', 'null'] },
      { anyOf: [{ type: 'string' }, { type: 'null' }] },
    )
    const objects = fc
      .record({ properties: fc.dictionary(keys, stringish, { maxKeys: 3 }), required: fc.subarray(['a', 'b', 'c']), closed: fc.boolean() })
      .map(({ properties, required, closed }): JsonSchema => ({ type: 'object', properties, required, ...(closed ? { additionalProperties: false } : {}) }))
    const samples = fc.array(fc.dictionary(keys, fc.constantFrom<unknown>('x', 'y', '', null, 1), { maxKeys: 3 }), { minLength: 30, maxLength: 30 })
    let merges = 0
    fc.assert(
      fc.property(objects, objects, samples, (a, b, data) => {
        const payload = topicPayload('t', [
          { step: 'A', file: 'a.step.ts', input: a },
          { step: 'B', file: 'b_step.py', input: b },
        ])
        const validA = compileSchema(a)
        const validB = compileSchema(b)
        const verdicts = data.map((sample) => validA(sample) === null && validB(sample) === null)
        if (payload.kind === 'conflict') {
          expect({ a, b, acceptedByBoth: data.filter((_sample, index) => verdicts[index]) }).toEqual({ a, b, acceptedByBoth: [] })
          return
        }
        merges++
        const merged = compileSchema((payload as { schema: JsonSchema }).schema)
        expect(data.map((sample) => merged(sample) === null)).toEqual(verdicts)
      }),
      { numRuns: 400, seed: 11 },
    )
    expect(merges).toBeGreaterThan(100)
  })
})
