// `motia create` end to end: each template, created with --skip-install, wired to this checkout the
// way `npm install` would (node_modules/motia, zod, vitest and their .bin links), then started with the
// project's own `motia dev` and asked for its example endpoint, and its own tests run by `npm test`.
// Python runs in the repo's .venv, with pydantic hidden.
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, MOTIA_BIN, REPO, startMotia, VENV_PYTHON } from '../helpers/motia-process.js'

const TSC = join(REPO, 'node_modules/typescript/bin/tsc')
// Python steps run as on a machine without pydantic: the templates must not need it (Motia v0.x §9).
const NO_PYDANTIC = { PYTHONPATH: join(REPO, 'test/fixtures/no-pydantic') }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'motia-created-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function createLinked(template: string): Promise<string> {
  const created = await execa('node', [MOTIA_BIN, 'create', template, '-t', template, '--skip-install'], { cwd: dir, reject: false })
  expect(created.exitCode, created.stderr).toBe(0)
  const project = join(dir, template)
  mkdirSync(join(project, 'node_modules/.bin'), { recursive: true })
  symlinkSync(REPO, join(project, 'node_modules/motia'), 'dir')
  symlinkSync(join(REPO, 'node_modules/zod'), join(project, 'node_modules/zod'), 'dir')
  symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir')
  symlinkSync('../motia/bin/motia.js', join(project, 'node_modules/.bin/motia'))
  symlinkSync('../vitest/vitest.mjs', join(project, 'node_modules/.bin/vitest'))
  return project
}

/**
 * The project's `npm test`, outside this vitest run (none of its VITEST_* variables): vitest, then pytest
 * in the project's .venv (here the repo's, linked), with motia's Python package and its pytest plugin as
 * `motia install` would provide them.
 */
async function npmTest(project: string, passed: { vitest?: number; pytest?: number }): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')))
  if (passed.pytest !== undefined) symlinkSync(join(REPO, '.venv'), join(project, '.venv'), 'dir')
  const python = { PYTHONPATH: [NO_PYDANTIC.PYTHONPATH, join(REPO, 'python')].join(delimiter), PYTEST_ADDOPTS: '-p motia.testing.plugin' }
  const tested = await execa('npm', ['test'], { cwd: project, reject: false, extendEnv: false, env: { ...env, ...python, MOTIA_PYTHON: VENV_PYTHON, NO_COLOR: '1' } })
  expect(tested.exitCode, tested.stdout + tested.stderr).toBe(0)
  if (passed.vitest !== undefined) expect(tested.stdout).toMatch(new RegExp(`Tests +${passed.vitest} passed \\(${passed.vitest}\\)`))
  if (passed.pytest !== undefined) expect(tested.stdout).toMatch(new RegExp(`\\b${passed.pytest} passed in `))
}

/** GET /hello through the project's `motia dev`, then waits for what the event chain leaves behind. */
async function helloRoundTrip(project: string, expectedText: (requestId: string) => string, lastStep: string) {
  const app = await startMotia(project, { command: 'dev', bin: join(project, 'node_modules/.bin/motia'), env: NO_PYDANTIC })
  try {
    const response = await fetch(`${app.url}/hello?name=Ada`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { requestId: string }
    expect(body).toEqual({ message: 'Hello Ada!', status: 'processing', requestId: expect.stringMatching(UUID) })

    const stored = await eventually(async () => {
      const entries = (await (await fetch(`${app.url}/__motia/state/greetings`)).json()) as { key: string; value: { text: string } }[]
      return entries.find((entry) => entry.key === body.requestId)?.value
    }, 30_000)
    expect(stored).toEqual({ text: expectedText(body.requestId), processedAt: expect.any(String) })
    const last = await app.waitForLine((line) => line.step === lastStep && line.traceId === body.requestId, 30_000)
    return { last, stopped: await app.stop() }
  } finally {
    if (app.child.exitCode === null) await app.stop()
  }
}

describe('projects made by `motia create`', () => {
  for (const template of ['typescript', 'javascript', 'python']) {
    it(`${template}: GET /hello answers and its event step stores the greeting`, { timeout: 90_000 }, async () => {
      const project = await createLinked(template)
      if (template === 'typescript') {
        const checked = await execa('node', [TSC, '-p', join(project, 'tsconfig.json')], { cwd: project, reject: false })
        expect(checked.stdout + checked.stderr).toBe('')
        expect(checked.exitCode).toBe(0)
      }
      const { last, stopped } = await helloRoundTrip(project, () => 'Hello Ada, from a background step!', 'ProcessGreeting')
      expect(last.msg).toBe('Greeting stored')
      expect(stopped.exitCode).toBe(0)
      await npmTest(project, template === 'python' ? { pytest: 3 } : { vitest: 3 })
    })
  }

  it('multilang: TypeScript API -> Python event -> JavaScript event', { timeout: 90_000 }, async () => {
    const project = await createLinked('multilang')
    const checked = await execa('node', [TSC, '-p', join(project, 'tsconfig.json')], { cwd: project, reject: false })
    expect(checked.stdout + checked.stderr).toBe('')
    const { last, stopped } = await helloRoundTrip(project, () => 'Hello Ada, from Python!', 'LogGreeting')
    expect(last.msg).toBe('Greeting from python: Hello Ada, from Python!')
    expect(stopped.exitCode).toBe(0)
    await npmTest(project, { vitest: 3, pytest: 2 })
  })
})
