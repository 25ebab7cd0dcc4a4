// `.ts` steps of a `"type": "module"` project load in motia's main thread (tsx's CommonJS hook turns them
// into CommonJS), and a step that only an ES module can express (top-level await) is imported: both
// keep what ES modules give them, under the real `motia` command.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { MOTIA_BIN, REPO, copyFixture, startMotia } from '../helpers/motia-process.js'

describe('motia run on TypeScript ES-module steps', () => {
  it('gives them import.meta, `.js` specifiers of `.ts` siblings, one zod across its entry points, and top-level await', async () => {
    const project = copyFixture('esm-steps')
    const app = await startMotia(project, { args: ['--memory'] })
    try {
      const where = await (await fetch(`${app.url}/where`)).json()
      expect(where).toEqual({
        dirname: join(project, 'steps'),
        filename: join(project, 'steps/where.step.ts'),
        url: `file://${join(project, 'steps/where.step.ts')}`,
        greeting: 'hello esm',
      })
      const awaited = await (await fetch(`${app.url}/awaited`)).json()
      expect(awaited).toEqual({ greeting: 'hello awaited', url: `file://${join(project, 'steps/awaited.step.ts')}` })
      const zodCopies = await (await fetch(`${app.url}/zod-copies`)).json()
      expect(zodCopies).toEqual({ instance: true, description: 'an id' })
    } finally {
      await app.stop()
    }
  })

  it('reports a step that throws at import with its file and line', async () => {
    const project = copyFixture('esm-steps')
    writeFileSync(join(project, 'steps/fails.step.ts'), "import { greet } from '../lib/greet.js'\n\ngreet('nobody')\nthrow new Error('fails at import')\n")
    const result = await execa('node', [MOTIA_BIN, 'run', '--project', project, '--port', '0', '--memory'], { reject: false, timeout: 30_000 })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('steps/fails.step.ts:4: could not be imported: fails at import')
  })

  // motia's build has zod bundled into one file, served for the zod version it was made from only.
  it("loads the project's own zod when it is another version than the bundled one", async () => {
    const project = copyFixture('esm-steps')
    const ownZod = join(project, 'node_modules/zod')
    cpSync(join(REPO, 'node_modules/zod'), ownZod, { recursive: true })
    const packageJson = JSON.parse(readFileSync(join(ownZod, 'package.json'), 'utf8')) as { version: string }
    writeFileSync(join(ownZod, 'package.json'), JSON.stringify({ ...packageJson, version: `${packageJson.version}-own` }))
    writeFileSync(
      join(project, 'steps/which-zod.step.ts'),
      "import { createRequire } from 'node:module'\nexport const config = { type: 'api', name: 'WhichZod', path: '/which-zod', method: 'GET', emits: [] }\n" +
        'export const handler = async () => ({ status: 200, body: { zod: createRequire(import.meta.url).resolve(\'zod\') } })\n',
    )
    const app = await startMotia(project, { args: ['--memory'] })
    try {
      expect(await (await fetch(`${app.url}/which-zod`)).json()).toEqual({ zod: join(ownZod, 'index.cjs') })
      expect(await (await fetch(`${app.url}/zod-copies`)).json()).toEqual({ instance: true, description: 'an id' })
    } finally {
      await app.stop()
    }
  })
})
