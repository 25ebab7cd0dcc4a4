// The body the endpoint tester starts from, and the URL it sends to.
import { describe, expect, it } from 'vitest'
import { exampleFromSchema } from '../../../workbench/src/endpoints/example-from-schema.js'
import { listEndpoints } from '../../../workbench/src/endpoints/openapi.js'
import { bodyError, requestUrl } from '../../../workbench/src/endpoints/send-request.js'

describe('exampleFromSchema', () => {
  it('takes examples, defaults, consts, the first enum value and a sample per format, for every property', () => {
    const schema = {
      type: 'object',
      required: ['email', 'count'],
      properties: {
        email: { type: 'string', format: 'email' },
        when: { type: 'string', format: 'date-time' },
        id: { type: 'string', format: 'uuid' },
        code: { type: 'string', minLength: 8 },
        tone: { type: 'string', enum: ['warm', 'formal'] },
        lang: { type: 'string', enum: ['en', 'fr'], default: 'fr' },
        kind: { const: 'greeting' },
        count: { type: 'integer', minimum: 1 },
        ratio: { type: 'number', exclusiveMinimum: 0.5 },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        note: { type: ['string', 'null'], examples: ['hi'] },
        either: { anyOf: [{ type: 'null' }, { type: 'number' }] },
        nested: { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'number' } } }] },
      },
    }
    expect(exampleFromSchema(schema)).toEqual({
      email: 'user@example.com',
      when: '2024-01-01T00:00:00Z',
      id: '00000000-0000-4000-8000-000000000000',
      code: 'stringxx',
      tone: 'warm',
      lang: 'fr',
      kind: 'greeting',
      count: 1,
      ratio: 1.5,
      ok: false,
      tags: ['string', 'string'],
      note: 'hi',
      either: 0,
      nested: { a: 'string', b: 0 },
    })
  })

  it('stops at a schema that refers to itself', () => {
    const tree = { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#' } } }
    expect(exampleFromSchema(tree)).toEqual({ name: 'string', child: null })
  })
})

describe('the endpoints of an OpenAPI document', () => {
  it('reads method, path, summary, flows, path and query parameters, and the body schema with its $ref resolved', () => {
    const [endpoint] = listEndpoints({
      paths: {
        '/orders/{id}': {
          put: {
            operationId: 'UpdateOrder',
            summary: 'Updates an order',
            tags: ['orders'],
            parameters: [
              { name: 'id', in: 'path' },
              { name: 'dryRun', in: 'query', description: 'only validate' },
            ],
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateOrder.body' } } } },
          },
        },
      },
      components: { schemas: { 'UpdateOrder.body': { type: 'object', properties: { qty: { type: 'integer' } } } } },
    })
    expect(endpoint).toEqual({
      id: 'PUT /orders/{id}',
      method: 'PUT',
      path: '/orders/{id}',
      step: 'UpdateOrder',
      summary: 'Updates an order',
      description: undefined,
      flows: ['orders'],
      pathParams: ['id'],
      queryParams: [{ name: 'dryRun', description: 'only validate' }],
      bodySchema: { type: 'object', properties: { qty: { type: 'integer' } } },
      bodyRequired: true,
    })
  })
})

describe('the request', () => {
  it('fills and encodes path parameters and leaves empty query values out', () => {
    expect(requestUrl('/orders/{id}/lines/{line}', { id: 'a b', line: '7' }, { dryRun: 'true', empty: '' })).toBe('/orders/a%20b/lines/7?dryRun=true')
    expect(requestUrl('/health', {}, {})).toBe('/health')
  })

  it('checks the body as JSON before sending', () => {
    expect(bodyError('')).toBeUndefined()
    expect(bodyError('{"a": 1}')).toBeUndefined()
    expect(bodyError('{"a": ')).toMatch(/^The body is not valid JSON: /)
  })
})
