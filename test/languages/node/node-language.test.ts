import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MotiaError } from '../../../src/errors.js'
import type { InvocationKind } from '../../../src/languages/language.js'
import { NodeLanguage } from '../../../src/languages/node/index.js'
import { loadProject } from '../../../src/project/load-project.js'
import type { Step } from '../../../src/project/step.js'
import type { ApiRequest } from '../../../src/types.js'
import { recordingContext } from './context.js'

const basic = resolve(import.meta.dirname, '../../fixtures/projects/basic')
const signal = new AbortController().signal
let steps: Map<string, Step>

beforeAll(async () => {
  steps = new Map((await loadProject(basic, [new NodeLanguage()])).map((step) => [step.name, step]))
})

function call(name: string, kind: InvocationKind, input: unknown) {
  const step = steps.get(name)!
  const recorded = recordingContext()
  const result = step.runtime.invoke({ step, kind, input, context: recorded.context, signal })
  return { result, ...recorded }
}

const request = (over: Partial<ApiRequest> = {}): ApiRequest => ({
  pathParams: { orgId: 'acme' },
  queryParams: {},
  body: { email: ' Ada@Example.COM ', name: 'Ada' },
  headers: {},
  rawBody: '',
  ...over,
})

describe('NodeLanguage.claims', () => {
  it('claims TS and JS step files, not UI, declaration or Python files', () => {
    const node = new NodeLanguage()
    expect(['a.step.ts', 'a_step.js', 'a.step.mjs', 'a.step.cjs', 'a.step.mts'].map((f) => node.claims(`/p/steps/${f}`))).toEqual([true, true, true, true, true])
    expect(['a.step.tsx', 'a.step.jsx', 'a.d.ts', 'a_step.py'].map((f) => node.claims(`/p/steps/${f}`))).toEqual([false, false, false, false])
  })
})

describe('NodeLanguage.invoke', () => {
  it('calls an event handler with (input, ctx) and returns its result', async () => {
    const { result, logs } = call('Audit', 'event', { email: 'a@b.co' })
    expect(await result).toBe('audited a@b.co')
    expect(logs).toEqual([['info', 'audit', { email: 'a@b.co' }]])
  })

  it('lets a handler emit through the context', async () => {
    const { result, emitted } = call('SendWelcome', 'event', { email: 'a@b.co', name: 'A' })
    expect(await result).toBeUndefined()
    expect(emitted).toEqual([{ topic: 'email.sent', data: { to: 'a@b.co' } }])
  })

  it('calls a cron handler with (ctx)', async () => {
    const { result, emitted } = call('Cleanup', 'cron', undefined)
    await result
    expect(emitted).toEqual([{ topic: 'cleanup.done', data: { traceId: 'trace-1' } }])
  })

  it('runs API middleware first: it may answer early, or change req for the handler', async () => {
    const denied = call('CreateUser', 'api', request())
    expect(await denied.result).toEqual({ status: 401, body: { error: 'missing token' } })
    expect(denied.emitted).toEqual([])

    const allowed = call('CreateUser', 'api', request({ headers: { authorization: 'Bearer ada' } }))
    expect(await allowed.result).toEqual({ status: 201, body: { id: 'acme:ada@example.com' } })
    // The handler used a sibling module (lib/format) and saw `req.user` set by the middleware.
    expect(allowed.emitted).toEqual([{ topic: 'user.created', data: { email: 'ada@example.com', name: 'Ada', by: 'ada' } }])
  })

  it('calls an API handler without middleware', async () => {
    expect(await call('Ping', 'api', request()).result).toEqual({ status: 200, body: { pong: true } })
  })

  it('passes a handler error through unchanged', async () => {
    const { result } = call('Audit', 'event', null)
    await expect(result).rejects.toThrow(TypeError)
  })

  it('refuses a step it did not load', async () => {
    const other = new NodeLanguage()
    const step = steps.get('Audit')!
    const { context } = recordingContext()
    const error = await other.invoke({ step, kind: 'event', input: {}, context, signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MotiaError)
    expect((error as MotiaError).code).toBe('E_STEP_LOAD')
    expect((error as MotiaError).message).toBe(
      'Step "Audit" (steps/events/audit_step.js) has no loaded handler in the node language: load the project first',
    )
  })
})

describe('NodeLanguage.load', () => {
  let root: string
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('imports a file again on the next load, so edits and env changes are seen', async () => {
    root = await mkdtemp(join(tmpdir(), 'motia-node-reload-'))
    await mkdir(join(root, 'steps'))
    const file = join(root, 'steps/tick.step.js')
    const write = (label: string) =>
      writeFile(file, `export const config = { type: 'cron', name: 'Tick', cron: process.env.MOTIA_TEST_TICK ?? '* * * * *', emits: [] }\nexport const handler = async () => '${label}'\n`)
    const node = new NodeLanguage()
    const { context } = recordingContext()

    await write('first')
    const [first] = await loadProject(root, [node])
    expect(await node.invoke({ step: first!, kind: 'cron', input: undefined, context, signal })).toBe('first')

    await write('second')
    const [second] = await loadProject(root, [node], { ...process.env, MOTIA_TEST_TICK: '*/2 * * * *' })
    expect(second!.config.cron).toBe('*/2 * * * *')
    expect(await node.invoke({ step: second!, kind: 'cron', input: undefined, context, signal })).toBe('second')
  })

  it('reports a module whose top-level await never settles instead of waiting forever, and loads the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'motia-node-hang-'))
    try {
      const hangs = join(dir, 'hangs.step.ts')
      const fine = join(dir, 'fine.step.ts')
      await writeFile(hangs, "await new Promise(() => {})\nexport const config = { type: 'event', name: 'Hangs', subscribes: ['a'], emits: [] }\nexport const handler = async () => {}\n")
      await writeFile(fine, "export const config = { type: 'event', name: 'Fine', subscribes: ['a'], emits: [] }\nexport const handler = async () => {}\n")
      const result = await new NodeLanguage({ importTimeoutMs: 200 }).load([hangs, fine], { root: dir, env: process.env })
      expect(result.steps.map((step) => step.config.name)).toEqual(['Fine'])
      expect(result.problems).toEqual([
        {
          filePath: hangs,
          message: 'importing the module did not finish within 0.2 s: does its top-level code `await` something that never settles (a connection, a promise nobody resolves)?',
        },
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('names the fix when `config` is a promise or a function instead of the object', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'motia-node-config-'))
    try {
      const config = "{ type: 'event', name: 'Late', subscribes: ['a'], emits: [] }"
      const promised = join(dir, 'promised.step.ts')
      const computed = join(dir, 'computed.step.ts')
      await writeFile(promised, `export const config = Promise.resolve(${config})\nexport const handler = async () => {}\n`)
      await writeFile(computed, `export const config = () => (${config})\nexport const handler = async () => {}\n`)
      const result = await new NodeLanguage().load([promised, computed], { root: dir, env: process.env })
      expect(result.steps).toEqual([])
      expect(result.problems).toEqual([
        {
          filePath: promised,
          message: '`config` is a promise: export the config object itself (compute it with top-level `await` if it must be awaited)',
        },
        { filePath: computed, message: '`config` must be an object, got a function: export the config object itself, not a function that returns it' },
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('returns the definition with its problems, so config errors are reported in the same run', async () => {
    const node = new NodeLanguage()
    const file = resolve(import.meta.dirname, '../../fixtures/projects/broken/steps/no-handler.step.ts')
    const result = await node.load([file], { root: resolve(file, '../..'), env: process.env })
    expect(result.steps.map((s) => [s.config.name, s.language])).toEqual([['NoHandler', 'typescript']])
    expect(result.problems).toEqual([{ filePath: file, message: 'exports no `handler`: add `export const handler = async (input, ctx) => { ... }`' }])
  })
})
