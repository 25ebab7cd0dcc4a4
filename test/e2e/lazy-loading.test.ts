// What `motia run` loads at start depends on the project: Python's transport (execa, msgpackr), the zod 3
// converter, croner, Ajv's newer dialects and the stream socket (ws) only when a step or stream needs
// them, tsx's loader thread only for JavaScript and TypeScript user files. Node's own module debug lines (NODE_DEBUG=esm,module) list
// every file it loads, ESM and CommonJS, on every thread.
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const ON_DEMAND = ['execa/index.js', 'msgpackr/', 'zod-to-json-schema/', 'croner/', 'ajv/dist/2019.js', 'ajv/dist/2020.js', 'ws/']
// Never in `motia run` without their settings: the OpenTelemetry SDK (OTEL_EXPORTER_OTLP_ENDPOINT), the dev watcher.
const NEVER_IN_RUN = ['@opentelemetry/', 'chokidar/']
// The module tsx's ESM hooks run from, on their own thread once registered.
const TSX_LOADER = 'node_modules/tsx/dist/esm/index.mjs'

let app: MotiaProcess | undefined
let project: string | undefined

afterEach(async () => {
  await app?.stop()
  app = undefined
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Node's module debug output from the start of `motia run` on a copy of the fixture until "Ready". */
async function startupModules(fixture: string): Promise<string> {
  project = copyFixture(fixture, 'test/fixtures/startup')
  app = await startMotia(project, { env: { NODE_DEBUG: 'esm,module' } })
  return app.stderr()
}

const onDemandIn = (modules: string) => ON_DEMAND.filter((file) => modules.includes(`node_modules/${file}`))

describe('modules loaded at start', () => {
  it('a project with one TypeScript event step loads none of the on-demand modules', async () => {
    const modules = await startupModules('ts-only')
    expect(onDemandIn(modules)).toEqual([])
    expect(NEVER_IN_RUN.filter((file) => modules.includes(`node_modules/${file}`))).toEqual([])
    expect(modules).toContain(TSX_LOADER)
  })

  it('a project with a Python step, a cron step, a zod 3 schema, a 2020-12 schema and a stream loads each of them', async () => {
    const modules = await startupModules('every-kind')
    expect(onDemandIn(modules)).toEqual(ON_DEMAND)
    expect(NEVER_IN_RUN.filter((file) => modules.includes(`node_modules/${file}`))).toEqual([])
    expect(app!.lines.find((line) => line.msg.startsWith('Ready on'))).toMatchObject({ event: 4, cron: 1 })
  })

  it("a project of Python steps never starts tsx's loader thread", async () => {
    const modules = await startupModules('python-only')
    expect(modules).not.toContain(TSX_LOADER)
    expect(onDemandIn(modules)).toEqual(['execa/index.js', 'msgpackr/'])
  })
})
