import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import { PythonLanguage } from '../../../src/languages/python/index.js'
import type { InvocationKind } from '../../../src/languages/language.js'
import type { Step } from '../../../src/project/step.js'
import { broken, fakes, fixtures, makeContext, makeStream, repoPython, step, until, withoutPid } from './helpers.js'
import type { LogLine } from './helpers.js'

const runnerLines: LogLine[] = []
const language = new PythonLanguage({
  python: repoPython(),
  workers: 2,
  onLog: (level, message, fields) => runnerLines.push({ level, message, fields }),
})

const FILES = [
  'echo_step.py',
  'sync_echo_step.py',
  'raises_step.py',
  'prints_to_stdout_step.py',
  'writes_stderr_step.py',
  'hangs_step.py',
  'exits_hard_step.py',
  'kills_itself_step.py',
  'big_payload_step.py',
  'context_step.py',
  'emits_undeclared_step.py',
  'uses_stream_step.py',
  'uses_service_step.py',
  'pkg/uses_relative_step.py',
  'api_step.py',
  'odd_keys_step.py',
  'emits_after_cancel_step.py',
].map(step)

const steps = new Map<string, Step>()

beforeAll(async () => {
  const { steps: loaded, problems } = await language.load(FILES, { root: fixtures, env: process.env })
  expect(problems).toEqual([])
  for (const def of loaded) {
    const name = def.config.name
    steps.set(name, { ...def, name, type: def.config.type, relativePath: def.filePath, emitTopics: new Set(), runtime: language })
  }
})

afterAll(() => language.close())

function invoke(name: string, input: unknown, options: { kind?: InvocationKind; context?: ReturnType<typeof makeContext>; signal?: AbortSignal } = {}) {
  const target = steps.get(name)
  if (!target) throw new Error(`no step ${name}`)
  const { context } = options.context ?? makeContext(name)
  // api by default: an event handler's return value is never sent (PROTOCOL.md §4), and these tests read it.
  return language.invoke({ step: target, kind: options.kind ?? 'api', input, context, signal: options.signal ?? new AbortController().signal })
}

const echoStillWorks = async () => expect(await invoke('Echo', { n: 1 })).toEqual({ echo: { n: 1 }, traceId: 'trace-1' })

describe('PythonLanguage', () => {
  it('claims *_step.py and *.step.py files only', () => {
    expect(language.claims('/p/steps/a_step.py')).toBe(true)
    expect(language.claims('/p/steps/a.step.py')).toBe(true)
    expect(language.claims('/p/steps/a_step.ts')).toBe(false)
    expect(language.claims('/p/steps/helpers.py')).toBe(false)
  })

  it('describes every file with its config as JSON Schema, int keys as strings', () => {
    expect(steps.size).toBe(FILES.length)
    expect(steps.get('Api')!.config).toEqual({
      type: 'api',
      name: 'Api',
      path: '/items/:id',
      method: 'POST',
      emits: [],
      bodySchema: { type: 'object', properties: { n: { type: 'integer' } } },
      responseSchema: { 200: { type: 'object' } },
    })
    expect(steps.get('Echo')!.language).toBe('python')
  })

  it('invokes async and sync handlers (sync ones off the event loop thread)', async () => {
    await echoStillWorks()
    expect(await invoke('SyncEcho', [1, 'two'])).toEqual({ echo: [1, 'two'], mainThread: false })
  })

  it('passes an API request and returns the response map as is', async () => {
    const request = { pathParams: { id: '7' }, queryParams: {}, body: { n: 3 }, headers: {}, rawBody: '{"n":3}' }
    expect(await invoke('Api', request, { kind: 'api' })).toEqual({ status: 202, body: { id: '7', n: 3 } })
  })

  it('rejects with a RemoteError carrying the Python exception, then keeps working', async () => {
    const error = (await invoke('Raises', { orderId: 42 }).catch((e: unknown) => e)) as RemoteError
    expect(error).toBeInstanceOf(RemoteError)
    expect(error.name).toBe('ValueError')
    expect(error.message).toBe('bad order 42')
    expect(error.wire.type).toBe('ValueError')
    expect(error.wire.retryable).toBe(true)
    expect(error.wire.traceback).toContain(`File "${step('raises_step.py')}", line 5, in handler`)
    expect(error.wire.traceback).toContain('ValueError: bad order 42')
    await echoStillWorks()
  })

  it('sends a JS string cut inside a surrogate pair as U+FFFD instead of killing the runner', async () => {
    const cut = 'Hi 😀'.slice(0, 4)
    expect(await invoke('Echo', { text: cut, [cut]: 1 })).toEqual({ echo: { text: 'Hi \ufffd', 'Hi \ufffd': 1 }, traceId: 'trace-1' })
    expect(runnerLines.filter((line) => line.level === 'warn' && /exited|protocol error/.test(line.message))).toEqual([])
    await echoStillWorks()
  })

  it('refuses a Python dict with a tuple or bytes key as a TypeError of that call, and keeps the runner', async () => {
    const error = (await invoke('OddKeys', { what: 'result' }).catch((e: unknown) => e)) as RemoteError
    expect(error).toBeInstanceOf(RemoteError)
    expect(error.wire).toEqual({
      type: 'TypeError',
      message: 'cannot send a dict key of type tuple to the core: keys must be str, int, float, bool or None, as in JSON',
      traceback: undefined,
      code: 'E_HANDLER_FAILED',
      retryable: false,
    })
    expect(await invoke('OddKeys', { what: 'emit' })).toBe(
      'RemoteError: TypeError: cannot send a dict key of type bytes to the core: keys must be str, int, float, bool or None, as in JSON',
    )
    const context = makeContext('OddKeys')
    expect(await invoke('OddKeys', { what: 'log' }, { context })).toBe('logged')
    expect(context.logs).toEqual([{ level: 'info', message: 'odd fields', fields: { '1,2': 'tuple key' } }])
    expect(runnerLines.filter((line) => /corrupt|exited/.test(line.message))).toEqual([])
    await echoStillWorks()
  })

  it('turns print() into log lines of the invocation and keeps fd 1 writes off the channel', async () => {
    const made = makeContext('PrintsToStdout')
    expect(await invoke('PrintsToStdout', {}, { context: made })).toBe('channel intact')
    expect(made.logs).toContainEqual({ level: 'info', message: 'printed by the handler', fields: undefined })
    await until(() => runnerLines.some((l) => l.message === 'written to fd 1 directly'), 'the fd 1 line on stderr')
    expect(runnerLines.find((l) => l.message === 'written to fd 1 directly')).toMatchObject({ level: 'warn', fields: { stream: 'stderr' } })
    await echoStillWorks()
  })

  it('logs sys.stderr lines on the invocation and raw fd 2 lines as runner lines', async () => {
    const made = makeContext('WritesStderr')
    expect(await invoke('WritesStderr', {}, { context: made })).toBe('done')
    expect(made.logs).toContainEqual({ level: 'warn', message: 'via sys.stderr', fields: undefined })
    await until(() => runnerLines.some((l) => l.message === 'written to fd 2 directly'), 'the fd 2 line')
    await echoStillWorks()
  })

  it('routes emit, state and logger calls from Python to the invocation context', async () => {
    const made = makeContext('UsesContext', ['done'])
    const result = await invoke('UsesContext', { id: 'o1', total: 12.5 }, { context: made })
    expect(result).toEqual({ stored: { total: 12.5 }, groupSize: 1 })
    expect(made.state.get('orders')?.get('o1')).toEqual({ total: 12.5 })
    expect(made.events).toEqual([{ topic: 'done', data: { id: 'o1', stored: { total: 12.5 } } }])
    expect(made.logs).toContainEqual({ level: 'info', message: 'stored order', fields: { id: 'o1' } })
  })

  it('raises the core\'s error inside the handler when an emit is refused', async () => {
    const error = (await invoke('EmitsUndeclared', {}).catch((e: unknown) => e)) as RemoteError
    expect(error).toBeInstanceOf(RemoteError)
    expect(error.message).toBe(
      'Step "EmitsUndeclared" emitted to topic "nowhere", which is not in its `emits` (empty: the step may emit nothing). Add "nowhere" to `emits` in its config, or let undeclared emits through with a warning, as Motia v0.x did: `compat: { undeclaredEmits: \'warn\' }` in motia.config.ts.',
    )
    expect(error.wire.code).toBe('E_UNDECLARED_EMIT')
    expect(error.wire.retryable).toBe(false)
    await echoStillWorks()
  })

  it('routes stream calls to the named stream of the context', async () => {
    const made = makeContext('UsesStream')
    const messages = makeStream()
    made.context.streams = { messages }
    const result = await invoke('UsesStream', {}, { context: made })
    expect(result).toEqual({ item: { text: 'hi', id: 'm1' }, read: { text: 'hi', id: 'm1' } })
    expect(messages.items.get('room/m1')).toEqual({ text: 'hi', id: 'm1' })
  })

  it('imports project modules from the root and relative siblings inside packages', async () => {
    expect(await invoke('UsesService', { name: 'Ada' })).toBe('hello Ada')
    expect(await invoke('UsesRelative', { text: 'hey' })).toBe('HEY!')
  })

  it('carries a 10 MiB payload both ways', async () => {
    const blob = 'abcdefghij'.repeat(1024 * 1024)
    const result = (await invoke('BigPayload', { blob })) as { length: number; blob: string }
    expect(result.length).toBe(blob.length)
    expect(result.blob).toBe([...blob].reverse().join(''))
    await echoStillWorks()
  })

  it('cancels a hanging handler on abort: rejects with the reason, the runner stays', async () => {
    const controller = new AbortController()
    const call = invoke('Hangs', {}, { signal: controller.signal })
    const reason = new MotiaError('E_HANDLER_TIMEOUT', 'Step "Hangs" timed out after 1 s.')
    setImmediate(() => controller.abort(reason))
    await expect(call).rejects.toBe(reason)
    await echoStillWorks()
    expect(runnerLines.filter((l) => l.message.includes('starting a new runner'))).toEqual([])
  })

  it('fails a context call made by a sync handler\'s thread after its invocation was cancelled', async () => {
    const controller = new AbortController()
    const context = makeContext('EmitsAfterCancel', ['late.done'])
    const cancelled = invoke('EmitsAfterCancel', { seconds: 0.3 }, { signal: controller.signal, context })
    await until(() => context.logs.some((line) => line.message === 'waiting'), 'the handler to run')
    controller.abort(new Error('timed out'))
    await expect(cancelled).rejects.toThrow('timed out')
    // The invocation can no longer act, but what it prints until its thread returns is still a line of its step.
    await until(() => context.logs.some((line) => line.message.startsWith('after cancel: ')), 'the thread to try its emit')
    expect(withoutPid(context.logs.find((line) => line.message.startsWith('after cancel: '))!.message)).toMatch(
      // Refused in the runner itself, before anything is sent (E_INVOCATION_ENDED).
      /^after cancel: MotiaError: Step "EmitsAfterCancel"'s invocation ended \(it was cancelled: it timed out, or the app is stopping\): context.emit cannot run after that\./,
    )
    await echoStillWorks()
  })

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stopped'))
    await expect(invoke('Echo', {}, { signal: controller.signal })).rejects.toThrow('stopped')
  })

  it('fails an invocation whose runner calls os._exit as a retryable crash, and replaces the runner', async () => {
    const error = (await invoke('ExitsHard', {}).catch((e: unknown) => e)) as MotiaError
    expect(error).toBeInstanceOf(MotiaError)
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(error.retryable).toBe(true)
    expect(withoutPid(error.message)).toBe(
      'Python runner (pid N) exited with code 1 while running step "ExitsHard". A new runner replaces it; the call failed as retryable.',
    )
    await echoStillWorks()
  })

  it('fails an invocation whose runner is SIGKILLed as a retryable crash', async () => {
    const error = (await invoke('KillsItself', {}).catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(error.retryable).toBe(true)
    expect(withoutPid(error.message)).toBe(
      'Python runner (pid N) was killed by SIGKILL while running step "KillsItself". A new runner replaces it; the call failed as retryable.',
    )
    await echoStillWorks()
  })
})

describe('PythonLanguage.load with broken files', () => {
  it('returns one problem per broken file, with the line where it broke, and loads the rest', async () => {
    const python = new PythonLanguage({ python: repoPython(), workers: 2 })
    const files = ['fine_step.py', 'syntax_error_step.py', 'missing_handler_step.py', 'import_error_step.py'].map(
      (name) => `${broken}/steps/${name}`,
    )
    try {
      const { steps: loaded, problems } = await python.load(files, { root: broken, env: process.env })
      expect(loaded.map((s) => s.config.name)).toEqual(['Fine'])
      expect(problems).toEqual([
        { filePath: files[1], line: 5, message: "SyntaxError: '(' was never closed" },
        {
          filePath: files[2],
          line: undefined,
          message: 'missing `handler`: define `async def handler(input, context)` (only noop steps have none)',
        },
        {
          filePath: files[3],
          line: 1,
          message:
            "ModuleNotFoundError: No module named 'not_a_real_package' (add `not_a_real_package` to requirements.txt and run `motia install`)",
        },
      ])
    } finally {
      await python.close()
    }
  })

  it('reports a module whose import does not finish instead of waiting forever', async () => {
    const python = new PythonLanguage({ python: repoPython(), workers: 1, importTimeoutMs: 500 })
    const files = [`${broken}/steps/hangs_at_import_step.py`]
    try {
      const { steps: loaded, problems } = await python.load(files, { root: broken, env: process.env })
      expect(loaded).toEqual([])
      expect(problems).toEqual([
        {
          filePath: files[0],
          message: 'importing the module did not finish within 0.5 s: does its top-level code block (a network call, input(), an endless loop)?',
        },
      ])
    } finally {
      await python.close()
    }
  })

  it('blames only the modules that kill their runner at import; the files queued behind them still load', async () => {
    const lines: LogLine[] = []
    const onLog = (level: string, message: string) => lines.push({ level, message })
    const python = new PythonLanguage({ python: repoPython(), workers: 1, onLog })
    const names = ['fine_step.py', 'exits_at_import_step.py', 'fine2_step.py', 'exits_at_import_too_step.py', 'fine3_step.py']
    const files = names.map((name) => `${broken}/steps/${name}`)
    try {
      const { steps: loaded, problems } = await python.load(files, { root: broken, env: process.env })
      expect(loaded.map((s) => s.config.name)).toEqual(['Fine', 'Fine2', 'Fine3'])
      const crashed = (file: string) => ({
        filePath: file,
        message: `Python runner (pid N) exited with code 1 while importing ${file}: does its top-level code end the process (os._exit(), a crash in a C extension)?`,
      })
      expect(problems.map((p) => ({ ...p, message: withoutPid(p.message) }))).toEqual([crashed(files[1]!), crashed(files[3]!)])
      // Such a crash is blamed and never retried: it does not slow the next restart down.
      const restarts = lines.filter((line) => line.message.includes('starting a new runner'))
      expect(restarts.map((line) => withoutPid(line.message))).toEqual(Array(2).fill('Python runner (pid N) exited with code 1; starting a new runner in 100 ms.'))
    } finally {
      await python.close()
    }
  })

  it('blames only the module whose import hangs, and replaces the runner it holds', async () => {
    const python = new PythonLanguage({ python: repoPython(), workers: 1, importTimeoutMs: 1000 })
    const files = ['fine_step.py', 'hangs_at_import_step.py', 'fine2_step.py'].map((name) => `${broken}/steps/${name}`)
    try {
      const { steps: loaded, problems } = await python.load(files, { root: broken, env: process.env })
      expect(problems).toEqual([
        {
          filePath: files[1],
          message: 'importing the module did not finish within 1 s: does its top-level code block (a network call, input(), an endless loop)?',
        },
      ])
      expect(loaded.map((s) => s.config.name)).toEqual(['Fine', 'Fine2'])
      const fine = loaded[0]!
      const target = { ...fine, name: 'Fine', type: 'event', relativePath: fine.filePath, emitTopics: new Set(), runtime: python } as Step
      const signal = AbortSignal.timeout(10_000)
      expect(await python.invoke({ step: target, kind: 'api', input: {}, context: makeContext().context, signal })).toBe('fine')
    } finally {
      await python.close()
    }
  })

  it('starts no runner when there are no Python files', async () => {
    const python = new PythonLanguage({ python: '/nonexistent/python' })
    expect(await python.load([], { root: fixtures, env: process.env })).toEqual({ steps: [], problems: [] })
    await python.close()
  })

  it('refuses to invoke before load', async () => {
    const python = new PythonLanguage({ python: repoPython() })
    const target = { name: 'Echo', filePath: step('echo_step.py') } as Step
    const { context } = makeContext()
    await expect(python.invoke({ step: target, kind: 'event', input: {}, context, signal: new AbortController().signal })).rejects.toThrow(
      'Step "Echo" cannot run: the Python steps were not loaded (call load() first).',
    )
  })

  it('throws one clear error when the interpreter is unusable', async () => {
    const python = new PythonLanguage()
    const error = (await python
      .load([step('echo_step.py')], { root: fixtures, env: { ...process.env, MOTIA_PYTHON: '/nonexistent/python3' } })
      .catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_PYTHON_MISSING')
    expect(error.message).toBe(
      'MOTIA_PYTHON is set to `/nonexistent/python3`, which could not be run (ENOENT). Point it at a Python 3.10+ interpreter, or unset it and run `motia install`.',
    )
  })

  // A named interpreter's runners start while it is checked: the check's verdict still decides.
  it.each([
    ['whose runners cannot start', 'old-python'],
    ['whose runners start', 'old-working-python'],
  ])('refuses a too old interpreter %s, naming the version', async (_case, fake) => {
    const python = new PythonLanguage()
    const old = path.join(fakes, fake)
    const env = { ...process.env, MOTIA_PYTHON: old, MOTIA_TEST_REAL_PYTHON: repoPython() }
    const error = (await python.load([step('echo_step.py')], { root: fixtures, env }).catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_PYTHON_TOO_OLD')
    expect(error.message).toBe(`Python 3.8.10 from MOTIA_PYTHON=${old} is too old: motia needs Python 3.10 or newer. Install a newer Python, then run \`motia install\`.`)
    await python.close()
  })
})
