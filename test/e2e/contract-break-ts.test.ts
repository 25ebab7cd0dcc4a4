// Done-when of issue 11, TS -> Python: after `motia generate-types`, the real tsc rejects a TS step that
// emits the wrong shape to a Python (pydantic) subscriber; and a TS subscriber's input is typed from zod.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, VENV_PYTHON } from '../helpers/motia-process.js'
import { typeCheck, writeTsconfig } from '../helpers/typescript-compiler.js'

async function generatedProject(): Promise<string> {
  const dir = copyFixture('ts-to-python', 'test/fixtures/typegen')
  const result = await motiaCli(['generate-types', '-p', dir], { MOTIA_PYTHON: VENV_PYTHON })
  expect(result.stderr).toBe('')
  expect(result.stdout).toBe('Wrote types.d.ts\nWrote motia_types.py')
  writeTsconfig(dir, ['steps/**/*.ts', 'types.d.ts'])
  return dir
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, 'steps', file)
  const source = readFileSync(path, 'utf8')
  expect(source).toContain(from)
  writeFileSync(path, source.replace(from, to))
}

describe('a contract break, TS -> Python, caught by tsc', () => {
  it('passes with the emit the Python model accepts', async () => {
    const { errors, output } = await typeCheck(await generatedProject())
    expect(errors, output).toEqual([])
  }, 180_000)

  it('fails on a TS emit of the wrong shape to the Python step, and on a misuse of the TS subscriber zod input', async () => {
    const dir = await generatedProject()
    // The TS step sends `qty` where the pydantic model wants `quantity`.
    edit(dir, 'place-order.step.ts', 'quantity: line.qty', 'qty: line.qty')
    edit(dir, 'notify.step.ts', 'const first: string | undefined = input.skus[0]', 'const first: number | undefined = input.skus[0]')
    const { errors } = await typeCheck(dir)
    expect(errors).toEqual([
      "steps/notify.step.ts(14,9): error TS2322: Type 'string' is not assignable to type 'number'.",
      "steps/place-order.step.ts(18,95): error TS2322: Type '{ sku: string; qty: number; }[]' is not assignable to type '{ sku: string; quantity: number; }[]'.",
    ])
  }, 180_000)
})
