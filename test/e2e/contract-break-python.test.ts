// Done when (issue 11), Python -> TS: a Python step that emits the wrong shape to a TS subscriber
// (zod input) fails mypy and pyright, through the generated motia_types.py.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, VENV_PYTHON } from '../helpers/motia-process.js'
import { mypy } from '../typegen/python/mypy.js'
import { pyright } from '../typegen/python/pyright.js'

describe('contract break, Python -> TS: caught by mypy', () => {
  let project: string
  const step = () => join(project, 'steps/summarize_step.py')

  beforeAll(async () => {
    project = copyFixture('contract-break', 'test/fixtures/typegen-python')
    const generated = await motiaCli(['generate-types', '-p', project], { MOTIA_PYTHON: VENV_PYTHON })
    expect(generated.stdout).toBe('Wrote types.d.ts\nWrote motia_types.py')
  }, 120_000)

  it('passes mypy and pyright with the shape the TS subscriber accepts', async () => {
    const result = await mypy(project, ['steps/summarize_step.py'])
    expect(result.errors, result.output).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(await pyright(project, ['steps'])).toEqual({ exitCode: 0, errors: [] })
  }, 120_000)

  it('fails mypy and pyright with their exact errors when the Python step sends `words` as a string', async () => {
    writeFileSync(step(), readFileSync(step(), 'utf8').replace('"words": len(words)', '"words": str(len(words))'))
    const result = await mypy(project, ['steps/summarize_step.py'])
    expect(result.errors).toEqual([
      'steps/summarize_step.py:23: error: Incompatible types (expression has type "str", TypedDict item "words" has type "int")  [typeddict-item]',
    ])
    expect(result.exitCode).toBe(1)
    expect(await pyright(project, ['steps'])).toEqual({
      exitCode: 1,
      errors: [
        'steps/summarize_step.py:23: Argument of type "dict[str, str | dict[str, str | list[str]]]" cannot be assigned to parameter "event" of type "SummarizeEmit" in function "emit" "str" is not assignable to "int"',
      ],
    })
  }, 120_000)
})
