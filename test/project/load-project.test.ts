import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MotiaError, StepConfigError } from '../../src/errors.js'
import type { Invocation, Language, LoadResult, ProjectInfo } from '../../src/languages/language.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { loadProject } from '../../src/project/load-project.js'

const fixtures = resolve(import.meta.dirname, '../fixtures/projects')

async function configError(run: () => Promise<unknown>): Promise<StepConfigError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(StepConfigError)
    return error as StepConfigError
  }
  throw new Error('expected a StepConfigError')
}

// A second language for dispatch tests: it reads `*_step.py` files as JSON configs.
class JsonPyLanguage implements Language {
  readonly id = 'jsonpy'
  seen: string[] = []
  claims(filePath: string) {
    return filePath.endsWith('_step.py')
  }
  async load(files: string[], project: ProjectInfo): Promise<LoadResult> {
    this.seen = files
    const { readFile } = await import('node:fs/promises')
    const steps = []
    for (const file of files) steps.push({ filePath: file, language: 'python' as const, config: JSON.parse(await readFile(file, 'utf8')) })
    return { steps, problems: [{ filePath: join(project.root, 'steps/extra_step.py'), message: 'a problem from the language' }] }
  }
  async invoke(_invocation: Invocation) {
    return undefined
  }
  async close() {}
}

describe('loadProject', () => {
  it('loads a mixed TS/JS project into steps, in file order', async () => {
    const node = new NodeLanguage()
    const steps = await loadProject(join(fixtures, 'basic'), [node])
    expect(steps.map((s) => [s.relativePath, s.name, s.type, s.language])).toEqual([
      ['src/health/ping.step.ts', 'Ping', 'api', 'typescript'],
      ['steps/api/create-user.step.ts', 'CreateUser', 'api', 'typescript'],
      ['steps/cron/cleanup.step.ts', 'Cleanup', 'cron', 'typescript'],
      ['steps/events/audit_step.js', 'Audit', 'event', 'javascript'],
      ['steps/events/welcome.step.ts', 'SendWelcome', 'event', 'typescript'],
      ['steps/noop/start.step.ts', 'SignupButton', 'noop', 'typescript'],
    ])
    const byName = new Map(steps.map((s) => [s.name, s]))
    const createUser = byName.get('CreateUser')!
    expect(createUser.runtime).toBe(node)
    expect(createUser.filePath).toBe(join(fixtures, 'basic/steps/api/create-user.step.ts'))
    expect([...createUser.emitTopics]).toEqual(['user.created'])
    // virtualEmits grant nothing.
    expect([...byName.get('SignupButton')!.emitTopics]).toEqual([])
    expect(createUser.config.middleware).toEqual(['authMiddleware'])
    expect(createUser.config.bodySchema).toMatchObject({ type: 'object', required: ['email', 'name'] })
    expect(createUser.config.responseSchema).toMatchObject({ 201: { required: ['id'] }, 400: { required: ['error'] } })
    expect(byName.get('SendWelcome')!.config.input).toMatchObject({ properties: { email: { format: 'email' } } })
  })

  it('lets the env reach config loading', async () => {
    const steps = await loadProject(join(fixtures, 'basic'), [new NodeLanguage()], { ...process.env, CLEANUP_CRON: '*/7 * * * *' })
    expect(steps.find((s) => s.name === 'Cleanup')!.config.cron).toBe('*/7 * * * *')
  })

  it('throws one StepConfigError listing every problem of every file, relative to the root', async () => {
    delete process.env.BROKEN_FIXTURE_DATABASE_URL
    const error = await configError(() => loadProject(join(fixtures, 'broken'), [new NodeLanguage()]))
    expect(error.code).toBe('E_STEP_CONFIG')
    expect(error.problems.map((p) => `${p.filePath}: ${p.message}`)).toEqual([
      'steps/bad-config.step.ts: `retries` is not a field of event steps (allowed: type, name, description, flows, virtualEmits, virtualSubscribes, includeFiles, subscribes, emits, input, infrastructure)',
      'steps/bad-config.step.ts: `subscribes` must be a list of topic names, got "a" (string)',
      'steps/bad-middleware.step.ts: `middleware` must be a list of functions `async (req, ctx, next) => ...`, got an array (1 item)',
      'steps/handler-not-function.step.ts: `handler` must be a function, got the string "run"',
      // Under vitest, Vite parses the file; under the CLI, Node does (see node-language.test.ts).
      expect.stringMatching(/^steps\/js-syntax_step\.js: could not be imported: (SyntaxError: )?Unexpected token/),
      "steps/missing-module.step.ts: could not be imported: Cannot find package 'motia-fixture-package-that-does-not-exist'",
      'steps/no-config.step.ts: exports no `config`: add `export const config = { type, name, ... }`',
      'steps/no-handler.step.ts: exports no `handler`: add `export const handler = async (input, ctx) => { ... }`',
      'steps/not-a-schema.step.ts: `input` is not a schema (expected a zod schema or a JSON Schema object), got the string "string"',
      expect.stringMatching(/^steps\/syntax-error\.step\.ts: could not be imported: Expected (`,` or `}`|"}") but found (`]`|"]")$/),
      'steps/throws.step.ts: could not be imported: BROKEN_FIXTURE_DATABASE_URL is not set',
      'steps/zod-date.step.ts: `input` is a zod schema that JSON Schema cannot express: Date cannot be represented in JSON Schema. Change that part of the schema (e.g. z.string().datetime() instead of z.date()) or pass a JSON Schema object',
    ])
    const lines = Object.fromEntries(error.problems.map((p) => [p.filePath, p.line]))
    expect(lines['steps/throws.step.ts']).toBe(3)
    expect(lines['steps/syntax-error.step.ts']).toBe(4)
    expect(lines['steps/js-syntax_step.js']).toBe(4)
    expect(error.message.split('\n')[0]).toBe('12 problems in step files:')
    expect(error.message).toContain('\n  steps/throws.step.ts:3: could not be imported: BROKEN_FIXTURE_DATABASE_URL is not set')
    expect(error.message).not.toContain('    at ')
  })

  it('gives each file to the first language that claims it and validates across languages', async () => {
    const root = await mkdtemp(join(tmpdir(), 'motia-load-'))
    try {
      const { mkdir } = await import('node:fs/promises')
      await mkdir(join(root, 'steps'))
      await writeFile(join(root, 'steps/one.step.ts'), "export const config = { type: 'event', name: 'Same', subscribes: ['a'], emits: [] }\nexport const handler = async () => {}\n")
      await writeFile(join(root, 'steps/two_step.py'), JSON.stringify({ type: 'event', name: 'Same', subscribes: ['a'], emits: [] }))
      const py = new JsonPyLanguage()
      const error = await configError(() => loadProject(root, [new NodeLanguage(), py]))
      expect(py.seen).toEqual([join(root, 'steps/two_step.py')])
      // Problems of files that discovery did not list come last.
      expect(error.problems).toEqual([
        { filePath: 'steps/two_step.py', message: 'step name "Same" is already used by steps/one.step.ts: step names must be unique' },
        { filePath: 'steps/extra_step.py', message: 'a problem from the language' },
      ])

      const noPython = await configError(() => loadProject(root, [new NodeLanguage()]))
      expect(noPython.problems).toEqual([{ filePath: 'steps/two_step.py', message: 'no enabled language loads .py step files (enabled: node)' }])

      // A Ruby step (v0.x ran them) is refused, never skipped without a word.
      await writeFile(join(root, 'steps/three.step.rb'), 'def handler(input, ctx); end\n')
      const ruby = await configError(() => loadProject(root, [new NodeLanguage(), new JsonPyLanguage()]))
      expect(ruby.problems).toContainEqual({
        filePath: 'steps/three.step.rb',
        message: 'Ruby steps are not supported: port the step to TypeScript or Python, or move the file out of steps/ and src/',
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('rejects a root that is not a folder', async () => {
    const missing = join(tmpdir(), 'motia-no-such-project')
    await expect(loadProject(missing, [new NodeLanguage()])).rejects.toThrow(MotiaError)
    await expect(loadProject(missing, [new NodeLanguage()])).rejects.toThrow(
      `Project root ${missing} is not a folder: pass the folder that holds steps/ or src/`,
    )
  })
})
