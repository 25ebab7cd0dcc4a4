import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, startMotia, VENV_PYTHON, type MotiaProcess } from '../helpers/motia-process.js'

describe('GET /__motia/openapi.json', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it('serves in `motia dev` the document `motia generate openapi` writes, and it validates', async () => {
    const dir = copyFixture('polyglot', 'test/fixtures/openapi')
    const written = join(dir, 'openapi.json')
    expect((await motiaCli(['generate', 'openapi', '-P', dir, '-o', written], { MOTIA_PYTHON: VENV_PYTHON })).exitCode).toBe(0)
    app = await startMotia(dir, { command: 'dev' })

    const response = await fetch(`${app.url}/__motia/openapi.json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const served = await response.json()
    expect(served).toEqual(JSON.parse(readFileSync(written, 'utf8')))
    const result = await new Validator().validate(served as Parameters<Validator['validate']>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    // The second request gets the same bytes.
    expect(await (await fetch(`${app.url}/__motia/openapi.json`)).text()).toBe(JSON.stringify(served))
  })

  it('documents the refusals the server answers with the bodies it really sends', async () => {
    app = await startMotia(copyFixture('polyglot', 'test/fixtures/openapi'), { command: 'dev', args: ['--body-limit', '1kb'] })
    const document = (await (await fetch(`${app.url}/__motia/openapi.json`)).json()) as { paths: Record<string, any>; components: { schemas: Record<string, object> } }
    const responses = document.paths['/shops/{shopId}/orders'].post.responses as Record<string, { content: { 'application/json': { schema: { $ref: string } } } }>
    const ajv = new Ajv2020({ strict: false })
    const send = async (body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${app!.url}/shops/s1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
      const name = responses[String(response.status)]!.content['application/json'].schema.$ref.split('/').pop()!
      const validate = ajv.compile(document.components.schemas[name]!)
      const answer = await response.json()
      expect(validate(answer), `${response.status} ${JSON.stringify(answer)}: ${ajv.errorsText(validate.errors)}`).toBe(true)
      return response.status
    }
    expect(await send('{"lines": ')).toBe(400)
    expect(await send('{"lines": [{"sku": 1}]}')).toBe(400)
    expect(await send(JSON.stringify({ lines: [], note: 'x'.repeat(2048) }))).toBe(413)
    expect(await send('{"lines": []}', { 'content-encoding': 'gzip' })).toBe(415)
    // And a body the schema accepts reaches the Python handler.
    const placed = await fetch(`${app.url}/shops/s1/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines": []}' })
    expect(placed.status).toBe(201)
  })

  it('is an admin endpoint in `motia run`: served with the admin token only', async () => {
    const dir = copyFixture('polyglot', 'test/fixtures/openapi')
    app = await startMotia(dir, { command: 'run', env: { MOTIA_ADMIN_TOKEN: 'openapi-token' } })
    expect((await fetch(`${app.url}/__motia/openapi.json`)).status).toBe(401)
    const response = await fetch(`${app.url}/__motia/openapi.json`, { headers: { authorization: 'Bearer openapi-token' } })
    expect(response.status).toBe(200)
    const document = (await response.json()) as { info: unknown; paths: Record<string, unknown> }
    expect(document.info).toEqual({ title: 'openapi-fixture', version: '3.4.5' })
    expect(Object.keys(document.paths)).toEqual(['/shops/{shopId}/orders'])
  })
})
