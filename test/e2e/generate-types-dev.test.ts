// `motia dev` writes the generated types at start (when they changed, never fatally); `motia run` never does.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, startMotia, VENV_PYTHON, type MotiaProcess } from '../helpers/motia-process.js'

const fixture = () => copyFixture('ts-to-python', 'test/fixtures/typegen')
const wrote = (app: MotiaProcess) => app.lines.filter((line) => line.msg.startsWith('Wrote ')).map((line) => `${line.level} ${line.msg}`)

describe('generated types and the app', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it('`motia dev` writes types.d.ts before it serves, as `motia generate-types` does, and only when it changed', async () => {
    const dir = fixture()
    app = await startMotia(dir, { command: 'dev' })
    expect(wrote(app)).toEqual(['info Wrote types.d.ts', 'info Wrote motia_types.py'])
    const ready = app.lines.findIndex((line) => line.msg.startsWith('Ready on '))
    expect(app.lines.findIndex((line) => line.msg === 'Wrote types.d.ts')).toBeLessThan(ready)
    const file = join(dir, 'types.d.ts')
    const fromDev = readFileSync(file, 'utf8')
    await app.stop()

    const writtenAt = statSync(file).mtimeMs
    expect((await motiaCli(['generate-types', '-p', dir], { MOTIA_PYTHON: VENV_PYTHON })).stdout).toBe('types.d.ts is up to date\nmotia_types.py is up to date')
    app = await startMotia(dir, { command: 'dev' })
    expect(wrote(app)).toEqual([])
    expect(statSync(file).mtimeMs).toBe(writtenAt)
    expect(readFileSync(file, 'utf8')).toBe(fromDev)
  }, 120_000)

  it('`motia dev` regenerates types.d.ts and motia_types.py when a step file changes while it runs', async () => {
    const dir = fixture()
    app = await startMotia(dir, { command: 'dev' })
    await app.waitForLine((line) => line.msg === 'Watching the project for changes (hot reload)', 60_000)
    const step = join(dir, 'steps/notify.step.ts')
    writeFileSync(step, readFileSync(step, 'utf8').replace('skus: z.array(z.string())', 'skus: z.array(z.string()), urgent: z.boolean()'))
    await app.waitForLine((line) => line.msg === 'Wrote types.d.ts' && line !== app?.lines.find((first) => first.msg === 'Wrote types.d.ts'), 60_000)
    expect(readFileSync(join(dir, 'types.d.ts'), 'utf8')).toContain("'NotifyCustomer': EventHandler<{ orderId: string; skus: Array<string>; urgent: boolean }, never>")
    expect(readFileSync(join(dir, 'motia_types.py'), 'utf8')).toContain('urgent: bool')

    // A step that no longer loads keeps its previous version: the files stay as they were.
    const before = readFileSync(join(dir, 'types.d.ts'), 'utf8')
    writeFileSync(step, 'export const config = { type: "event", name: "NotifyCustomer", subscribes: ["stock.reserved"], emits: [] }\n')
    const failed = await app.waitForLine((line) => line.msg.startsWith('Could not reload steps/notify.step.ts'), 60_000)
    expect(failed.msg).toMatch(/^Could not reload steps\/notify\.step\.ts: exports no `handler`.*; the previous version keeps serving$/)
    expect(readFileSync(join(dir, 'types.d.ts'), 'utf8')).toBe(before)
  }, 180_000)

  it('`motia run` neither creates types.d.ts nor touches a stale one', async () => {
    const dir = fixture()
    app = await startMotia(dir, { command: 'run' })
    expect(existsSync(join(dir, 'types.d.ts'))).toBe(false)
    expect(existsSync(join(dir, 'motia_types.py'))).toBe(false)
    await app.stop()

    const file = join(dir, 'types.d.ts')
    writeFileSync(file, '// stale\n')
    const writtenAt = statSync(file).mtimeMs
    app = await startMotia(dir, { command: 'run' })
    expect(wrote(app)).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe('// stale\n')
    expect(statSync(file).mtimeMs).toBe(writtenAt)
  }, 120_000)

  it('`motia dev` starts anyway when types.d.ts cannot be written, with one warning', async () => {
    const dir = fixture()
    mkdirSync(join(dir, 'types.d.ts')) // a folder where the file should go
    app = await startMotia(dir, { command: 'dev' })
    const warnings = app.lines.filter((line) => line.msg.startsWith('Could not write the generated types'))
    expect(warnings.map((line) => `${line.level} ${line.msg}`)).toEqual([
      `warn Could not write the generated types: EISDIR: illegal operation on a directory, open '${join(dir, 'types.d.ts')}'. The app starts anyway; fix the cause, then restart or run \`motia generate-types\``,
    ])
    const response = await fetch(`${app.url}/shops/s1/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines":[]}' })
    expect(response.status).toBe(202)
  }, 120_000)
})
