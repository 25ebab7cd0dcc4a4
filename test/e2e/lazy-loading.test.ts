// What `motia run` loads at start depends on the project: Python's transport (msgpackr; execa is in the
// core's bundle, in the transport's lazy chunk), the zod 3 converter, croner and the stream socket (ws)
// only when a step or stream needs them (Ajv's newer dialects are in the core's bundle, evaluated on
// first use), tsx's loader thread only for user modules that must be ES modules (top-level await). Node's own module debug lines (NODE_DEBUG=esm,module) list
// every file it loads, ESM and CommonJS, on every thread.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const ON_DEMAND = ['msgpackr/', 'zod-to-json-schema/', 'croner/', 'ws/']
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
async function startupModules(fixture: string, from = 'test/fixtures/startup'): Promise<string> {
  project = copyFixture(fixture, from)
  app = await startMotia(project, { env: { NODE_DEBUG: 'esm,module' } })
  return app.stderr()
}

const onDemandIn = (modules: string) => ON_DEMAND.filter((file) => modules.includes(`node_modules/${file}`))

describe('modules loaded at start', () => {
  it('a project with one TypeScript event step loads none of the on-demand modules', async () => {
    const modules = await startupModules('ts-only')
    expect(onDemandIn(modules)).toEqual([])
    expect(NEVER_IN_RUN.filter((file) => modules.includes(`node_modules/${file}`))).toEqual([])
  })

  it('a project of ES-module TypeScript steps loads them in the main thread too, and zod as one file', async () => {
    const modules = await startupModules('ts-only')
    expect(modules).not.toContain(TSX_LOADER)
    expect(modules).not.toContain('data:text/javascript')
    expect(modules).toContain('dist/vendor/zod.cjs.bundle')
    expect(modules).not.toContain('node_modules/zod/')
  })

  it("a step with top-level await is imported as an ES module, through tsx's loader thread", async () => {
    const modules = await startupModules('esm-steps', 'test/fixtures/apps')
    expect(modules).toContain(TSX_LOADER)
  })

  it('a project with a Python step, a cron step, a zod 3 schema, a 2020-12 schema and a stream loads each of them', async () => {
    const modules = await startupModules('every-kind')
    expect(onDemandIn(modules)).toEqual(ON_DEMAND)
    expect(NEVER_IN_RUN.filter((file) => modules.includes(`node_modules/${file}`))).toEqual([])
    expect(app!.lines.find((line) => line.msg.startsWith('Ready on'))).toMatchObject({ event: 4, cron: 1 })
  })

  it('the core loads from its bundle (dist/bundle/), not from its ~300 per-file modules and Ajv\'s', async () => {
    const modules = await startupModules('ts-only')
    // The ESM modules of motia's dist/ that Node stored in its module map, relative to dist/.
    const dist = pathToFileURL(resolve(import.meta.dirname, '../../dist')).href
    const loaded = [...modules.matchAll(/Storing (\S+) .*in ModuleLoadMap/g)].map((match) => match[1]!)
    const fromDist = [...new Set(loaded.filter((url) => url.startsWith(`${dist}/`)).map((url) => url.slice(dist.length + 1)))]
    expect(fromDist.filter((file) => file.startsWith('bundle/')).length).toBeGreaterThan(0)
    // A step's `import ... from 'motia'` loads the package's public entry, which is not in the bundle.
    expect(fromDist.filter((file) => !file.startsWith('bundle/') && file !== 'index.js')).toEqual([])
    // Ajv's compiler (the precompiled validators need only two of its runtime helpers).
    expect(modules).not.toContain('node_modules/ajv/dist/core.js')
    expect(modules).not.toContain('node_modules/find-my-way/')
    expect(modules).not.toContain('node_modules/commander/')
  })

  it("a project without \"type\": \"module\" loads its TypeScript steps in the main thread: no loader thread, no tsx ESM hooks", async () => {
    const modules = await startupModules('commonjs-ts')
    expect(modules).not.toContain(TSX_LOADER)
    // motia's own ESM hook (`@motiadev/*` aliases), registered only with tsx's.
    expect(modules).not.toContain('data:text/javascript')
    const response = await fetch(`${app!.url}/hello`)
    expect(await response.json()).toEqual({ message: 'Hello Ada!', folder: 'steps', moduleUrl: 'hello.step.ts' })
  })

  it("a project of Python steps never starts tsx's loader thread", async () => {
    const modules = await startupModules('python-only')
    expect(modules).not.toContain(TSX_LOADER)
    expect(onDemandIn(modules)).toEqual(['msgpackr/'])
  })
})
