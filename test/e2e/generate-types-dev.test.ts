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
