import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOTIA_BIN, VENV_PYTHON, copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const ignoring = (file: string, fields: string, example: string, count: number) =>
  `${file}: ignoring ${fields} (neither zod nor JSON Schema, e.g. ${example}), as Motia v0.x did: nothing is validated against ${count === 1 ? 'it' : 'them'}. Write zod or JSON Schema to validate; --strict refuses such schemas`

describe('schemas written for Motia v0.x that are neither zod nor JSON Schema', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('loose-schemas'), { args: ['--memory'] })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('warns once per file at start, naming every ignored schema', () => {
    const warnings = app.lines.filter((l) => l.level === 'warn' && l.msg.includes('neither zod nor JSON Schema')).map((l) => l.msg)
    expect(warnings).toEqual([
      ignoring('steps/create.step.ts', 'bodySchema', '{"title":"string"}', 1),
      ignoring('steps/health_step.py', 'responseSchema[200]', '{"ok":"boolean"}', 1),
      ignoring('steps/todo.step.ts', 'responseSchema[200], responseSchema[404]', '{"id":"string","title":"string"}', 2),
    ])
  })

  it('ignores them: any body is accepted and responses are not checked', async () => {
    const created = await fetch(`${app.url}/todo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":5}' })
    expect([created.status, await created.json()]).toEqual([201, { title: 5 }])
    const todo = await fetch(`${app.url}/todo`)
    expect([todo.status, await todo.json()]).toEqual([200, { id: 1 }])
    const health = await fetch(`${app.url}/health`)
    expect([health.status, await health.json()]).toEqual([200, { ok: 'yes' }])
    expect(app.lines.filter((l) => /does not match/.test(l.msg))).toEqual([])
  })

  it('keeps enforcing a real JSON Schema', async () => {
    const response = await fetch(`${app.url}/checked`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(response.status).toBe(400)
  })

  it('refuses them with --strict, as start-up problems', async () => {
    const project = copyFixture('loose-schemas')
    const result = await execa('node', [MOTIA_BIN, 'run', '--project', project, '--port', '0', '--memory', '--strict'], {
      reject: false,
      timeout: 30_000,
      env: { MOTIA_PYTHON: VENV_PYTHON },
    })
    expect(result.exitCode).toBe(1)
    const refuse = (file: string, field: string, schema: string) =>
      `${file}: \`${field}\` is neither a zod schema nor a JSON Schema (${schema}): write it as zod or JSON Schema, e.g. { type: 'object', properties: { error: { type: 'string' } } }, or run without --strict to ignore it as Motia v0.x did`
    for (const line of [
      refuse('steps/create.step.ts', 'bodySchema', '{"title":"string"}'),
      refuse('steps/health_step.py', 'responseSchema[200]', '{"ok":"boolean"}'),
      refuse('steps/todo.step.ts', 'responseSchema[200]', '{"id":"string","title":"string"}'),
      refuse('steps/todo.step.ts', 'responseSchema[404]', '{"error":"string"}'),
    ]) {
      expect(result.stderr).toContain(line)
    }
    expect(result.stderr).not.toContain('steps/checked.step.ts')
  })
})
