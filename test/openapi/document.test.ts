import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/openapi/index.js'
import type { StepConfigData } from '../../src/project/step.js'

const info = { title: 'shop', version: '1.2.3' }
const api = (config: Partial<StepConfigData> & { name: string; path: string }): { config: StepConfigData } => ({
  config: { type: 'api', method: 'GET', emits: [], ...config },
})

async function expectValid(document: unknown): Promise<void> {
  const result = await new Validator().validate(document as Parameters<Validator["validate"]>[0])
  expect(result.errors ?? []).toEqual([])
  expect(result.valid).toBe(true)
}

describe('openApiDocument', () => {
  it('is checked by a validator that refuses a dangling $ref (so the checks below can fail)', async () => {
    const schema = { $ref: '#/components/schemas/Missing' }
    const broken = { openapi: '3.1.0', info, paths: { '/a': { get: { responses: { 200: { description: 'OK', content: { 'application/json': { schema } } } } } } } }
    const result = await new Validator().validate(broken)
    expect(result.valid).toBe(false)
    expect(String(result.errors)).toContain("Can't resolve #/components/schemas/Missing")
  })

  it('describes an operation per API step, with its name, description, flows and path parameters', async () => {
    const document = openApiDocument(
      [
        api({ name: 'GetItem', path: '/shops/:shopId/items/:itemId', description: 'Reads an item\nby shop and id', flows: ['shop'] }),
        { config: { type: 'event', name: 'Store', subscribes: ['x'], emits: [] } },
      ],
      info,
    )
    expect(document).toEqual({
      openapi: '3.1.0',
      info,
      paths: {
        '/shops/{shopId}/items/{itemId}': {
          get: {
            operationId: 'GetItem',
            summary: 'Reads an item',
            description: 'Reads an item\nby shop and id',
            tags: ['shop'],
            parameters: [
              { name: 'shopId', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'itemId', in: 'path', required: true, schema: { type: 'string' } },
            ],
            responses: { default: { description: 'Response' } },
          },
        },
      },
    })
    await expectValid(document)
  })

  it('turns find-my-way paths into templates: regex constraints, escaped colons, wildcards', () => {
    const document = openApiDocument(
      [api({ name: 'A', path: '/a/:id(^\\d+)' }), api({ name: 'B', path: '/b/time::now' }), api({ name: 'C', path: '/files/*' })],
      info,
    )
    expect(Object.keys(document.paths)).toEqual(['/a/{id}', '/b/time:now', '/files/{wildcard}'])
    expect((document.paths['/files/{wildcard}']!.get as { parameters: unknown[] }).parameters).toEqual([
      { name: 'wildcard', in: 'path', required: true, schema: { type: 'string' } },
    ])
  })

  it('documents queryParams (Motia v0.x shape) as optional string query parameters', async () => {
    const document = openApiDocument(
      [api({ name: 'Search', path: '/search', queryParams: [{ name: 'q', description: 'words to find' }, { name: 'page' }] })],
      info,
    )
    expect((document.paths['/search']!.get as { parameters: unknown[] }).parameters).toEqual([
      { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'words to find' },
      { name: 'page', in: 'query', required: false, schema: { type: 'string' } },
    ])
    await expectValid(document)
  })

  it('documents the JSON body, required unless the schema accepts no body, and the refusals the server answers', async () => {
    const body = { type: 'object', properties: { item: { type: 'string' } }, required: ['item'] }
    const document = openApiDocument(
      [
        api({ name: 'Create', path: '/orders', method: 'POST', bodySchema: body, responseSchema: { 201: { type: 'object' } } }),
        api({ name: 'Touch', path: '/orders', method: 'PUT', bodySchema: {} }),
      ],
      info,
    )
    const post = document.paths['/orders']!.post as Record<string, any>
    expect(post.requestBody).toEqual({ required: true, content: { 'application/json': { schema: body } } })
    expect(Object.keys(post.responses)).toEqual(['201', '400', '413', '415'])
    expect(post.responses['201']).toEqual({ description: 'Created', content: { 'application/json': { schema: { type: 'object' } } } })
    expect(post.responses['400']).toEqual({
      description: 'Bad Request',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/motia.BadRequest' } } },
    })
    expect((document.paths['/orders']!.put as Record<string, any>).requestBody.required).toBe(false)
    expect(Object.keys(document.components!.schemas)).toEqual(['motia.BadRequest', 'motia.PayloadTooLarge', 'motia.UnsupportedEncoding'])
    await expectValid(document)
  })

  // Found by schemathesis: with only the refusals documented, every 200/201 such a step answers was undocumented.
  it('keeps the default response of a step with a body but no responseSchema next to the refusals', async () => {
    const document = openApiDocument([api({ name: 'Touch', path: '/orders', method: 'PUT', bodySchema: { type: 'object' } })], info)
    const responses = (document.paths['/orders']!.put as Record<string, any>).responses
    expect(Object.keys(responses)).toEqual(['400', '413', '415', 'default'])
    expect(responses.default).toEqual({ description: 'Response' })
    await expectValid(document)
  })

  it('gives a response per status, sorted, and merges a step’s own 400 with the server’s', async () => {
    const document = openApiDocument(
      [
        api({
          name: 'Update',
          path: '/x',
          method: 'POST',
          bodySchema: { type: 'object' },
          responseSchema: { 404: { type: 'object', properties: { error: { type: 'string' } } }, 200: { type: 'object' }, 400: { type: 'object', required: ['reason'] } },
        }),
      ],
      info,
    )
    const responses = (document.paths['/x']!.post as Record<string, any>).responses
    expect(Object.keys(responses)).toEqual(['200', '400', '404', '413', '415'])
    expect(responses['400'].content['application/json'].schema).toEqual({
      anyOf: [{ type: 'object', required: ['reason'] }, { $ref: '#/components/schemas/motia.BadRequest' }],
    })
    expect(responses['404'].description).toBe('Not Found')
    await expectValid(document)
  })

  it('converts draft-07 to 2020-12: definitions to $defs with refs moved into components, tuples, dependencies, no $schema', async () => {
    const body = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        tree: { $ref: '#/definitions/Node' },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
        definitions: { type: 'string' },
      },
      dependencies: { a: ['b'], c: { required: ['d'] } },
      definitions: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } }, self: { $ref: '#' } } } },
    }
    const document = openApiDocument([api({ name: 'Plant tree', path: '/trees', method: 'POST', bodySchema: body })], info)
    const post = document.paths['/trees']!.post as Record<string, any>
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Plant_tree.body' })
    expect(document.components!.schemas['Plant_tree.body']).toEqual({
      type: 'object',
      properties: {
        tree: { $ref: '#/components/schemas/Plant_tree.body/$defs/Node' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
        // A property named `definitions` is a property, not the keyword.
        definitions: { type: 'string' },
      },
      dependentRequired: { a: ['b'] },
      dependentSchemas: { c: { required: ['d'] } },
      $defs: {
        Node: {
          type: 'object',
          properties: {
            children: { type: 'array', items: { $ref: '#/components/schemas/Plant_tree.body/$defs/Node' } },
            self: { $ref: '#/components/schemas/Plant_tree.body' },
          },
        },
      },
    })
    await expectValid(document)
  })

  it('keeps 2020-12 schemas (pydantic $defs) as written, minus $schema, with refs moved into components', () => {
    const body = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { pet: { $ref: '#/$defs/Pet' }, tags: { type: 'array', items: { type: 'string' } } },
      $defs: { Pet: { type: 'object', properties: { name: { type: 'string' } } } },
    }
    const document = openApiDocument([api({ name: 'AddPet', path: '/pets', method: 'POST', bodySchema: body })], info)
    expect(document.components!.schemas['AddPet.body']).toEqual({
      type: 'object',
      properties: { pet: { $ref: '#/components/schemas/AddPet.body/$defs/Pet' }, tags: { type: 'array', items: { type: 'string' } } },
      $defs: { Pet: { type: 'object', properties: { name: { type: 'string' } } } },
    })
  })

  it('is deterministic: the same steps in any order give the same bytes, paths sorted', () => {
    const steps = [
      api({ name: 'B', path: '/b', method: 'POST', bodySchema: { type: 'object', definitions: { X: {} }, properties: { x: { $ref: '#/definitions/X' } } } }),
      api({ name: 'A2', path: '/a', method: 'POST' }),
      api({ name: 'A1', path: '/a', method: 'GET' }),
    ]
    const one = JSON.stringify(openApiDocument(steps, info))
    const other = JSON.stringify(openApiDocument([...steps].reverse(), info))
    expect(other).toBe(one)
    const document = JSON.parse(one) as { paths: Record<string, object> }
    expect(Object.keys(document.paths)).toEqual(['/a', '/b'])
    expect(Object.keys(document.paths['/a']!)).toEqual(['get', 'post'])
  })
})
