import { execa } from 'execa'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, MOTIA_BIN, motiaCli, VENV_PYTHON } from '../helpers/motia-process.js'

const env = { MOTIA_PYTHON: VENV_PYTHON }

describe('motia generate-types', () => {
  it('writes types.d.ts for TS and Python steps, leaves it alone when unchanged, and rewrites a stale one', async () => {
    const dir = copyFixture('ts-to-python', 'test/fixtures/typegen')
    const file = join(dir, 'types.d.ts')
    const first = await execa('node', [MOTIA_BIN, 'generate-types'], { cwd: dir, env, reject: false })
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toBe('Wrote types.d.ts\nWrote motia_types.py')
    const content = readFileSync(file, 'utf8')
    expect(content).toContain("declare module 'motia' {")
    // The Python step's entry is typed from its pydantic model ($defs inlined).
    expect(content).toContain(
      "'ReserveStock': EventHandler<{ order_id: string; shop: string; lines: Array<{ sku: string; quantity: number }>; note?: string | null }, { topic: 'stock.reserved'; data: { orderId: string; skus: Array<string> } }>",
    )

    const writtenAt = statSync(file).mtimeMs
    const second = await motiaCli(['generate-types', '-p', dir], env)
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toBe('types.d.ts is up to date\nmotia_types.py is up to date')
    expect(statSync(file).mtimeMs).toBe(writtenAt)

    writeFileSync(file, content.replace('skus: Array<string>', 'skus: unknown'))
    const third = await motiaCli(['generate-types', '-P', dir], env)
    expect(third.stdout).toBe('Wrote types.d.ts\nmotia_types.py is up to date')
    expect(readFileSync(file, 'utf8')).toBe(content)
  }, 120_000)

  it('writes a first motia_types.py before loading, so that Python steps importing it load, then the real one', async () => {
    const dir = copyFixture('orders', 'test/fixtures/typegen-python')
    const module = join(dir, 'motia_types.py')
    const committed = readFileSync(module, 'utf8')
    rmSync(module)
    const result = await motiaCli(['generate-types', '-p', dir], env)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('Wrote types.d.ts\nWrote motia_types.py')
    expect(readFileSync(module, 'utf8')).toBe(committed)
  }, 120_000)

  it('refuses a project whose steps do not load: the problems, exit code 1, no stack, nothing written', async () => {
    const dir = copyFixture('broken', 'test/fixtures/projects')
    const result = await motiaCli(['generate-types', '-p', dir], { ...env, BROKEN_FIXTURE_DATABASE_URL: '' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^motia: \d+ problems in step files:\n/)
    expect(result.stderr).toContain('  steps/no-handler.step.ts: exports no `handler`: add `export const handler = async (input, ctx) => { ... }`\n')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(existsSync(join(dir, 'types.d.ts'))).toBe(false)
  }, 120_000)
})
