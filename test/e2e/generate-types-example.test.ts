// The example app, as users copy it, type-checks once `motia generate-types` has typed its handlers
// (including a cron handler whose context is annotated with plain `FlowContext`, as Motia v0.x allowed).
import { describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, VENV_PYTHON } from '../helpers/motia-process.js'
import { typeCheck, writeTsconfig } from '../helpers/typescript-compiler.js'

describe('examples/polyglot-app with generated types', () => {
  it('passes tsc with its types.d.ts', async () => {
    const dir = copyFixture('polyglot-app', 'examples')
    const result = await motiaCli(['generate-types', '-p', dir], { MOTIA_PYTHON: VENV_PYTHON })
    expect(result.stdout).toBe('Wrote types.d.ts\nWrote motia_types.py')
    writeTsconfig(dir, ['steps/**/*.ts', 'types.d.ts'])
    const { errors, output } = await typeCheck(dir)
    expect(errors, output).toEqual([])
  }, 180_000)
})
