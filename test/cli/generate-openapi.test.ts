import { Validator } from '@seriousme/openapi-schema-validator'
import { execa } from 'execa'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, MOTIA_BIN, motiaCli, REPO, VENV_PYTHON } from '../helpers/motia-process.js'

const env = { MOTIA_PYTHON: VENV_PYTHON }

async function expectValid(file: string): Promise<Record<string, any>> {
  const document = JSON.parse(readFileSync(file, 'utf8'))
  const result = await new Validator().validate(document)
  expect(result.errors ?? []).toEqual([])
  expect(result.valid).toBe(true)
  return document
}

describe('motia generate openapi', () => {
  it('writes openapi.json in the current folder for the example app, and the document validates', async () => {
    const dir = copyFixture('polyglot-app', 'examples')
    const result = await execa('node', [MOTIA_BIN, 'generate', 'openapi'], { cwd: dir, env, reject: false })
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toBe(`Wrote ${join(dir, 'openapi.json')}: OpenAPI 3.1, 2 operations`)
    const document = await expectValid(join(dir, 'openapi.json'))
    // No package.json: the folder's name, and 0.0.0.
    expect(document.info).toEqual({ title: basename(dir), version: '0.0.0' })
    expect(document.paths['/greetings'].post.operationId).toBe('RequestGreeting')
    expect(document.paths['/greetings'].post.requestBody.content['application/json'].schema.required).toEqual(['name'])
    expect(document.paths['/greetings/{id}'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }])
  })

  it('documents Python API steps (a pydantic body with $defs) next to TypeScript ones; -t, -v and -o as in Motia v0.x', async () => {
    const dir = copyFixture('polyglot', 'test/fixtures/openapi')
    const output = join(dir, 'docs', 'api.json') // its folder is created
    const result = await motiaCli(['generate', 'openapi', '-P', dir, '-o', output, '-t', 'Shop API', '-v', '2.0.0'], env)
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    const document = await expectValid(output)
    expect(document.info).toEqual({ title: 'Shop API', version: '2.0.0' })
    const orders = document.paths['/shops/{shopId}/orders']
    expect(Object.keys(orders)).toEqual(['get', 'post'])
    expect(orders.get.operationId).toBe('ListOrders')
    expect(orders.get.responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    })
    expect(orders.post.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:shopId', 'query:dryRun'])
    expect(orders.post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PlaceOrder.body' })
    expect(document.components.schemas['PlaceOrder.body'].properties.lines.items).toEqual({ $ref: '#/components/schemas/PlaceOrder.body/$defs/Line' })
    expect(Object.keys(orders.post.responses)).toEqual(['201', '400', '413', '415'])
  })

  it('takes info from package.json, and writes the same bytes every time', async () => {
    const dir = copyFixture('polyglot', 'test/fixtures/openapi')
    for (const name of ['a.json', 'b.json']) {
      const result = await motiaCli(['generate', 'openapi', '-P', dir, '-o', join(dir, name)], env)
      expect(result.exitCode).toBe(0)
    }
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'))
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).info).toEqual({ title: 'openapi-fixture', version: '3.4.5' })
  })

  it('exits 1 with the step problems, and writes nothing, when the project does not load', async () => {
    const output = join(REPO, '.tmp-tests', `broken-openapi-${process.pid}.json`)
    const result = await motiaCli(['generate', 'openapi', '-P', join(REPO, 'test/fixtures/apps/broken'), '-o', output], env)
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('motia: 7 problems in step files:')
    expect(result.stderr).toContain('steps/no-name.step.ts: `name` is missing: set it to a non-empty string')
    expect(existsSync(output)).toBe(false)
  })
})
