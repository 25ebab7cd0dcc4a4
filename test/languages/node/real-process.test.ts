// The CLI runs steps under tsx's loader in a plain Node process, where module formats follow
// package.json (unlike vitest, where Vite transforms every file): check that path for real.
import { resolve } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'

const script = resolve(import.meta.dirname, 'load-in-child.mjs')
const fixtures = resolve(import.meta.dirname, '../../fixtures/projects')

async function loadInChild(project: string, mode: 'import' | 'register') {
  const root = resolve(fixtures, project)
  const args = mode === 'import' ? ['--import', 'tsx', script, root] : [script, root, '--register']
  const { stdout } = await execa(process.execPath, args, { cwd: resolve(import.meta.dirname, '../../..'), env: { BROKEN_FIXTURE_DATABASE_URL: '' } })
  return JSON.parse(stdout) as { steps: string[][]; problems: { filePath: string; message: string; line?: number }[]; results: Record<string, unknown>; emitted: unknown[] }
}

describe('node language in a real Node process with tsx', () => {
  for (const mode of ['import', 'register'] as const) {
    it(`loads ESM .js and .ts steps of a package without "type": "module", and CommonJS steps (${mode})`, async () => {
      const out = await loadInChild('js-commonjs', mode)
      expect(out.problems).toEqual([])
      expect(out.steps).toEqual([
        ['steps/hello.step.js', 'Hello', 'javascript'],
        ['steps/legacy.step.cjs', 'Legacy', 'javascript'],
        ['steps/typed.step.ts', 'Typed', 'typescript'],
      ])
      expect(out.results).toEqual({ Hello: 'hello child', Legacy: 'legacy child', Typed: 'hello cron' })
    })
  }

  it('loads a TS project importing `motia` types, zod 3 and 4, .d.ts types and sibling modules', async () => {
    const out = await loadInChild('basic', 'import')
    expect(out.problems).toEqual([])
    expect(out.steps.map((s) => s[1])).toEqual(['Ping', 'CreateUser', 'Cleanup', 'Audit', 'SendWelcome', 'SignupButton'])
    expect(out.results.CreateUser).toEqual({ status: 401, body: { error: 'missing token' } })
  })

  it('reports import failures with the line Node or esbuild gives', async () => {
    const out = await loadInChild('broken', 'import')
    const byFile = Object.fromEntries(out.problems.map((p) => [p.filePath, p]))
    expect(byFile['steps/js-syntax_step.js']).toEqual({ filePath: 'steps/js-syntax_step.js', message: "could not be imported: SyntaxError: Unexpected token '}'", line: 4 })
    expect(byFile['steps/syntax-error.step.ts']).toEqual({ filePath: 'steps/syntax-error.step.ts', message: 'could not be imported: Expected "}" but found "]"', line: 4 })
    expect(byFile['steps/throws.step.ts']).toEqual({ filePath: 'steps/throws.step.ts', message: 'could not be imported: BROKEN_FIXTURE_DATABASE_URL is not set', line: 3 })
    expect(byFile['steps/missing-module.step.ts']?.message).toBe("could not be imported: Cannot find package 'motia-fixture-package-that-does-not-exist'")
    expect(out.problems).toHaveLength(12)
  })
})
