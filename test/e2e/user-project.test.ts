import { execa } from 'execa'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/motia-process.js'

const TSC = join(REPO, 'node_modules/typescript/bin/tsc')
// tsc and npm take seconds each, and many more on a loaded machine.

describe('motia as a dependency of a user project', () => {
  it('type-checks step files that import the step types from `motia`', async () => {
    // v0-types holds a types.d.ts as Motia v0.x's generate-types wrote it: it must compile against ours.
    // v0-config imports the plugin, stream, middleware and handler types v0.x projects use; v0-streams
    // also has a motia.config.ts importing `@motiadev/*` modules, declared by motia's own types.
    for (const project of ['examples/polyglot-app', 'test/fixtures/apps/basic', 'test/fixtures/apps/v0-types', 'test/fixtures/apps/v0-config', 'test/fixtures/apps/v0-streams']) {
      const result = await execa('node', [TSC, '-p', join(REPO, project, 'tsconfig.json')], { reject: false })
      expect(result.stdout + result.stderr, project).toBe('')
      expect(result.exitCode).toBe(0)
    }
  }, 180_000)

  it('gives a working `npx motia` after `npm install <path to this repo>`', async () => {
    const project = mkdtempSync(join(tmpdir(), 'motia-user-'))
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }))
    mkdirSync(join(project, 'steps'))
    writeFileSync(
      join(project, 'steps/ping.step.ts'),
      `import { ApiRouteConfig, Handlers } from 'motia'
export const config: ApiRouteConfig = { type: 'api', name: 'Ping', path: '/ping', method: 'GET', emits: [] }
export const handler: Handlers['Ping'] = async (req, { traceId }) => ({ status: 200, body: { pong: true, traceId } })
`,
    )
    const installed = await execa('npm', ['install', REPO, '--no-audit', '--no-fund', '--offline'], { cwd: project, reject: false })
    expect(installed.exitCode, installed.stderr).toBe(0)

    const version = await execa('npx', ['--no-install', 'motia', '--version'], { cwd: project })
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)

    // The bin npx runs, started directly: npx does not pass SIGTERM on to it.
    const app = execa(join(project, 'node_modules/.bin/motia'), ['run', '--port', '0', '--host', '127.0.0.1', '--memory'], { cwd: project, buffer: false, reject: false, env: { MOTIA_LOG_LEVEL: 'info' } })
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = ''
        app.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /Ready on http:\/\/[^:]+:(\d+)/.exec(out)
          if (match) resolve(Number(match[1]))
        })
        void app.then(() => reject(new Error(`motia exited: ${out}`)))
      })
      const response = await fetch(`http://127.0.0.1:${port}/ping`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ pong: true })
    } finally {
      app.kill('SIGTERM')
      await app
    }
  }, 180_000)
})
