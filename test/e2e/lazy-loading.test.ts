// What `motia run` loads at start depends on the project: Python's transport (execa, msgpackr), the zod 3
// converter, croner and Ajv's newer dialects only when a step needs them. Node's own module debug
// lines (NODE_DEBUG=esm,module) list every file it loads, ESM and CommonJS.
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const ON_DEMAND = ['execa/index.js', 'msgpackr/', 'zod-to-json-schema/', 'croner/', 'ajv/dist/2019.js', 'ajv/dist/2020.js']

let app: MotiaProcess | undefined
let project: string | undefined

afterEach(async () => {
  await app?.stop()
  app = undefined
  if (project) rmSync(project, { recursive: true, force: true })
})

async function loadedAtStart(fixture: string): Promise<string[]> {
  project = copyFixture(fixture, 'test/fixtures/startup')
  app = await startMotia(project, { env: { NODE_DEBUG: 'esm,module' } })
  const stderr = app.stderr()
  return ON_DEMAND.filter((file) => stderr.includes(`node_modules/${file}`))
}

describe('modules loaded at start', () => {
  it('a project with one TypeScript event step loads none of the on-demand modules', async () => {
    expect(await loadedAtStart('ts-only')).toEqual([])
  })

  it('a project with a Python step, a cron step, a zod 3 schema and a 2020-12 schema loads each of them', async () => {
    expect(await loadedAtStart('every-kind')).toEqual(ON_DEMAND)
    expect(app!.lines.find((line) => line.msg.startsWith('Ready on'))).toMatchObject({ event: 4, cron: 1 })
  })
})
