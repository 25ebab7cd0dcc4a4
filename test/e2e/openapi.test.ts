import { Validator } from '@seriousme/openapi-schema-validator'
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
