// The example app, as users copy it, commits its generated types and passes `motia check` (tsc and
// mypy through them); a contract break in either direction fails it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, VENV_PYTHON } from '../helpers/motia-process.js'

const python = { MOTIA_PYTHON: VENV_PYTHON }

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8')
  expect(text).toContain(from)
  writeFileSync(file, text.replace(from, to))
}

describe('examples/polyglot-app with generated types', () => {
  it('commits fresh types.d.ts and motia_types.py, and passes motia check with tsc and mypy', async () => {
    const dir = copyFixture('polyglot-app', 'examples')
    const generated = await motiaCli(['generate-types', '-p', dir], python)
    expect(generated.stdout).toBe('types.d.ts is up to date\nmotia_types.py is up to date')
    const check = await motiaCli(['check', '-p', dir], python)
    expect(check.stdout).toBe('motia check: 0 errors, 0 warnings')
    expect(check.exitCode).toBe(0)
  }, 180_000)

  it('fails motia check when the TS API step emits what the Python step does not accept, and when the Python step emits what the TS step does not', async () => {
    const dir = copyFixture('polyglot-app', 'examples')
    edit(join(dir, 'steps/greetings/request-greeting.step.ts'), 'data: { name, tone, requestId: traceId }', 'data: { name, tone, requestId: 42 }')
    edit(join(dir, 'steps/greetings/compose_greeting_step.py'), '"data": {"requestId": request.requestId, "text": text}', '"data": {"requestId": request.requestId, "text": len(text)}')
    const check = await motiaCli(['check', '-p', dir], python)
    expect(check.exitCode).toBe(1)
    expect(check.stdout.split('\n')).toEqual([
      expect.stringMatching(/^error \[tsc\] steps\/greetings\/request-greeting\.step\.ts:\d+: Type 'number' is not assignable to type 'string'\. \(TS2322\)$/),
      expect.stringMatching(/^error \[mypy\] steps\/greetings\/compose_greeting_step\.py:\d+: Incompatible types \(expression has type "int", TypedDict item "text" has type "str"\)/),
      'motia check: 2 errors, 0 warnings',
    ])
  }, 180_000)
})
