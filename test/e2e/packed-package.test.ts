// The package as users get it: `npm pack` here, `npm install ./motia-<version>.tgz` in a fresh
// project outside the repo (so nothing resolves through this checkout), then `npx motia`.
// One install for the whole file; npm's cache makes it quick after the first run.
import { execa } from 'execa'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, startMotia } from '../helpers/motia-process.js'

const INSTALL_TIMEOUT_MS = 600_000

const TS_STEP = `import type { ApiRouteConfig, Handlers } from 'motia'
import { z } from 'zod'
export const config: ApiRouteConfig = {
  type: 'api', name: 'Ping', path: '/ping', method: 'GET', emits: [],
  responseSchema: { 200: z.object({ pong: z.boolean() }) },
}
export const handler: Handlers['Ping'] = async () => ({ status: 200, body: { pong: true } })
`

const PY_STEP = `config = {"type": "api", "name": "PyPing", "path": "/py-ping", "method": "GET", "emits": []}


async def handler(req, context):
    return {"status": 200, "body": {"language": "python"}}
`

let project: string
let packDir: string
let tarball: string

const V0_CONFIG = `import { config, type MotiaPluginContext } from '@motiadev/core'
import statesPlugin from '@motiadev/plugin-states/plugin'
import logsPlugin from '@motiadev/plugin-logs/plugin'

const healthPlugin = (motia: MotiaPluginContext) => {
  motia.registerApi({ method: 'GET', path: '/__motia/config-health' }, async () => ({ status: 200, body: { ok: true } }))
  return { workbench: [] }
}

export default config({
  plugins: [statesPlugin, logsPlugin, healthPlugin],
  streamAuth: { authenticate: async (request) => ({ url: request.url }) },
})
`

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'motia-pack-'))
  // Without `prepare` (which rebuilds dist/): the other test files use dist/ meanwhile, and the global
  // setup (test/build-dist.ts) has just built it from the current sources.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--json'], { cwd: REPO })
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]
  tarball = join(packDir, filename)

  project = mkdtempSync(join(tmpdir(), 'motia-packed-user-'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'packed-user-app', private: true, type: 'module' }))
  mkdirSync(join(project, 'steps'))
  writeFileSync(join(project, 'steps/ping.step.ts'), TS_STEP)
  writeFileSync(join(project, 'steps/py_ping_step.py'), PY_STEP)
  // Step files and the types.d.ts Motia v0.x's generate-types wrote: they must type-check against the packed .d.ts.
  cpSync(join(REPO, 'test/fixtures/apps/v0-types/src'), join(project, 'src'), { recursive: true })
  cpSync(join(REPO, 'test/fixtures/apps/v0-types/types.d.ts'), join(project, 'types.d.ts'))
  // A v0.x config imports `@motiadev/*` modules that are not installed: the packed types declare them.
  writeFileSync(join(project, 'motia.config.ts'), V0_CONFIG)
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')] },
      include: ['steps/**/*.ts', 'src/**/*.ts', 'types.d.ts', 'motia.config.ts'],
    }),
  )
  const installed = await execa('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, reject: false })
  expect(installed.exitCode, installed.stderr).toBe(0)
}, INSTALL_TIMEOUT_MS)

afterAll(() => {
  for (const dir of [project, packDir]) if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Starts the installed bin (what `npx motia` runs) and resolves with its port once it serves. */
async function startInstalled(env: Record<string, string> = {}) {
  const app = execa(join(project, 'node_modules/.bin/motia'), ['run', '--port', '0', '--host', '127.0.0.1', '--memory'], {
    cwd: project,
    buffer: false,
    reject: false,
    env: { MOTIA_LOG_LEVEL: 'info', ...env },
  })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    app.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /Ready on http:\/\/[^:]+:(\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    void app.then((result) => reject(new Error(`motia exited: ${out}${String(result.stderr ?? '')}`)))
  })
  return {
    port,
    stop: async () => {
      app.kill('SIGTERM')
      await app
    },
  }
}

describe('the package from `npm pack`, installed into a fresh project', () => {
  it('ships compiled JavaScript and its declarations, not the TypeScript sources or the tests', () => {
    const motia = join(project, 'node_modules/motia')
    expect(readdirSync(motia).filter((entry) => entry !== 'node_modules').sort()).toEqual(['README.md', 'bin', 'dist', 'package.json', 'python', 'runners', 'templates'])
    expect(existsSync(join(motia, 'dist/cli/main.js'))).toBe(true)
    expect(existsSync(join(motia, 'dist/index.d.ts'))).toBe(true)
    expect(readdirSync(join(motia, 'python'))).toEqual(expect.arrayContaining(['motia', 'pyproject.toml']))
    expect(existsSync(join(motia, 'python/tests'))).toBe(false)
  })

  it('type-checks step files, a v0.x types.d.ts and a motia.config.ts importing `@motiadev/*` against the packed declarations', async () => {
    const result = await execa('node', [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(project, 'tsconfig.json')], { cwd: project, reject: false })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
  })

  it('gives a working `npx motia`', async () => {
    const version = await execa('npx', ['--no-install', 'motia', '--version'], { cwd: project })
    expect(version.stdout.trim()).toBe('0.1.0')
  })

  it('serves a TypeScript step and, after `npx motia install`, a Python step', async () => {
    const install = await execa('npx', ['--no-install', 'motia', 'install'], { cwd: project, reject: false, env: { MOTIA_PYTHON: '' } })
    expect(install.exitCode, install.stdout + install.stderr).toBe(0)

    const app = await startInstalled({ MOTIA_PYTHON: '' })
    try {
      const ts = await fetch(`http://127.0.0.1:${app.port}/ping`)
      expect(ts.status).toBe(200)
      expect(await ts.json()).toEqual({ pong: true })
      const py = await fetch(`http://127.0.0.1:${app.port}/py-ping`)
      expect(py.status).toBe(200)
      expect(await py.json()).toEqual({ language: 'python' })
      // The config's `@motiadev/*` imports resolve from the installed package, and its plugin serves.
      const health = await fetch(`http://127.0.0.1:${app.port}/__motia/config-health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ ok: true })
    } finally {
      await app.stop()
    }
  }, INSTALL_TIMEOUT_MS)

  it('creates a project from the shipped templates with `npx motia create`, depending on the same tarball', async () => {
    const created = await execa('npx', ['--no-install', 'motia', 'create', 'created', '-t', 'typescript', '--skip-install'], { cwd: project, reject: false })
    expect(created.exitCode, created.stdout + created.stderr).toBe(0)
    const app = join(project, 'created')
    expect(existsSync(join(app, 'src/hello/hello-api.step.ts'))).toBe(true)
    const { dependencies } = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: { motia: string } }
    expect(dependencies.motia).toMatch(/^file:/)
    expect(resolve(app, dependencies.motia.slice('file:'.length))).toBe(tarball)

    // Inside the user project, the new one resolves motia and zod from its node_modules.
    const dev = await startMotia(app, { command: 'dev', bin: join(project, 'node_modules/.bin/motia') })
    try {
      const hello = await fetch(`${dev.url}/hello?name=Ada`)
      expect(hello.status).toBe(200)
      expect(await hello.json()).toMatchObject({ message: 'Hello Ada!', status: 'processing' })
    } finally {
      await dev.stop()
    }
  })
})
