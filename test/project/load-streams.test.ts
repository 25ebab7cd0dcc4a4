import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { StepConfigError } from '../../src/errors.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { PythonLanguage } from '../../src/languages/python/index.js'
import { loadStepsAndStreams } from '../../src/project/load-project.js'
import { VENV_PYTHON } from '../helpers/motia-process.js'

const app = resolve(import.meta.dirname, '../fixtures/apps/streams')

describe('stream files', () => {
  const python = new PythonLanguage({ python: VENV_PYTHON, workers: 1 })
  afterAll(() => python.close())

  it('load from TypeScript, JavaScript and Python, with their schemas as JSON Schema', async () => {
    const { streams, steps } = await loadStepsAndStreams(app, [new NodeLanguage(), python])
    expect(steps.map((s) => s.name)).toEqual(['Messages', 'Notes'])
    expect(streams.map((s) => [s.name, s.relativePath, s.language, s.hasCanAccess])).toEqual([
      ['counters', 'src/counters.stream.js', 'javascript', false],
      ['messages', 'steps/chat/messages.stream.ts', 'typescript', true],
      ['notes', 'steps/chat/notes_stream.py', 'python', true],
    ])
    const [counters, messages, notes] = streams
    expect(counters!.schema).toEqual({ type: 'object', properties: { value: { type: 'number' } }, required: ['value'] })
    expect(messages!.schema).toMatchObject({ type: 'object', properties: { text: { type: 'string' }, author: { type: 'string' } }, required: ['text'] })
    expect(notes!.schema).toMatchObject({ type: 'object', properties: { body: { type: 'string' } }, required: ['body'] })
  })

  it('call canAccess: TypeScript in-process, Python through a runner, and pass on what it threw', async () => {
    const node = new NodeLanguage()
    const { streams } = await loadStepsAndStreams(app, [node, python])
    const [counters, messages, notes] = streams
    expect(await node.canAccess(counters!, { groupId: 'any' }, null)).toBe(true)
    expect(await messages!.runtime.canAccess!(messages!, { groupId: 'secret' }, { role: 'user' })).toBe(false)
    expect(await messages!.runtime.canAccess!(messages!, { groupId: 'secret', id: 'x' }, { role: 'admin' })).toBe(true)
    await expect(messages!.runtime.canAccess!(messages!, { groupId: 'boom' }, null)).rejects.toThrow('canAccess blew up')
    expect(notes!.runtime).toBe(python)
    expect(await python.canAccess(notes!, { groupId: 'room' }, 'let-me-in')).toBe(true)
    expect(await python.canAccess(notes!, { groupId: 'room', id: 'n1' }, 'nope')).toBe(false)
    await expect(python.canAccess(notes!, { groupId: 'boom' }, 'let-me-in')).rejects.toThrow('python canAccess blew up')
  })
})

describe('bad stream files', () => {
  let root = ''
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('stop the start, each with its file and the fix', async () => {
    root = await mkdtemp(join(tmpdir(), 'motia-streams-'))
    await mkdir(join(root, 'steps'))
    const files: Record<string, string> = {
      'a.stream.ts': "export const config = { name: 'dup', schema: { type: 'object' }, baseConfig: { storageType: 'default' } }\n",
      'b.stream.ts': "export const config = { name: 'dup', schema: { type: 'object' }, baseConfig: { storageType: 'default' } }\n",
      'c.stream.ts': "export const config = { schema: { type: 'object' }, baseConfig: { storageType: 'default' } }\n",
      'd.stream.ts': "export const config = { name: 'custom', schema: { type: 'object' }, baseConfig: { storageType: 'custom', factory: () => ({}) } }\n",
      'e.stream.ts': "export const config = { name: 'badSchema', schema: { type: 'nope' }, baseConfig: { storageType: 'default' } }\n",
      'f.stream.ts': "export const config = { name: 'noSchema', baseConfig: { storageType: 'default' }, canAccess: true }\n",
      'g_stream.js': 'export const notConfig = 1\n',
      'h.stream.rb': 'config = {}\n',
      'i_stream.py': 'config = {"name": "py", "schema": {"type": "object"}, "baseConfig": {"storageType": "custom", "factory": lambda: None}}\n',
      'j_stream.py': 'config = {"name": "py2", "schema": {"type": "object"}, "baseConfig": {"storageType": "default"}, "canAccess": "yes"}\n',
    }
    for (const [name, text] of Object.entries(files)) await writeFile(join(root, 'steps', name), text)
    const python = new PythonLanguage({ python: VENV_PYTHON, workers: 1 })
    let error: unknown
    try {
      await loadStepsAndStreams(root, [new NodeLanguage(), python])
    } catch (caught) {
      error = caught
    } finally {
      await python.close()
    }
    expect(error).toBeInstanceOf(StepConfigError)
    const custom =
      "`baseConfig.storageType: 'custom'` is not supported: motia keeps every stream in its embedded database (.motia/motia.db) and cannot call a storage `factory`. Use `baseConfig: { storageType: 'default' }`"
    expect((error as StepConfigError).problems).toEqual([
      { filePath: 'steps/b.stream.ts', message: 'stream name "dup" is already used by steps/a.stream.ts: stream names must be unique' },
      { filePath: 'steps/c.stream.ts', message: '`name` is missing: give the stream a name, e.g. `name: "messages"` (steps use it as ctx.streams.messages)' },
      { filePath: 'steps/d.stream.ts', message: custom },
      { filePath: 'steps/e.stream.ts', message: expect.stringMatching(/^`schema` is not a valid JSON Schema: .*type/) },
      { filePath: 'steps/f.stream.ts', message: '`canAccess` must be a function `(subscription, authContext) => boolean`, got the boolean true' },
      { filePath: 'steps/f.stream.ts', message: '`schema` is missing: give the item schema (zod, JSON Schema, or a pydantic model in Python)' },
      {
        filePath: 'steps/g_stream.js',
        message: "exports no `config`: add `export const config: StreamConfig = { name, schema, baseConfig: { storageType: 'default' } }`",
      },
      { filePath: 'steps/h.stream.rb', message: 'Ruby streams are not supported: port the stream to TypeScript or Python, or move the file out of steps/ and src/' },
      { filePath: 'steps/i_stream.py', message: custom },
      {
        filePath: 'steps/j_stream.py',
        line: undefined,
        message: "`canAccess` must be a function `async def can_access(subscription, auth_context) -> bool`, got str",
      },
    ])
  })
})
