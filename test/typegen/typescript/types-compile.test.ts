// The generated types.d.ts, checked by the real tsc against this checkout's `motia` types, with steps
// that use `Handlers['X']` rightly (test/fixtures/typegen/handlers/good.ts) and wrongly (bad.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { typescriptTypesFile } from '../../../src/typegen/index.js'
import { REPO } from '../../helpers/motia-process.js'
import { tempProject, typeCheck, writeTsconfig } from '../../helpers/typescript-compiler.js'
import { contract } from './contract-fixture.js'

const fixture = (name: string) => readFileSync(join(REPO, 'test/fixtures/typegen/handlers', name), 'utf8')

describe('types.d.ts under tsc', () => {
  it('compiles with steps that keep the contract, and fails each statement that breaks it', async () => {
    const project = tempProject('typegen-compile', { 'types.d.ts': typescriptTypesFile(contract).content, 'good.ts': fixture('good.ts'), 'bad.ts': fixture('bad.ts') })
    writeTsconfig(project)
    const { errors, output } = await typeCheck(project)
    // Nothing in types.d.ts nor good.ts: every error is one of bad.ts's breaks.
    expect(errors.map((line) => line.replace(/: error (TS\d+):.*/, ' $1')), output).toEqual([
      'bad.ts(4,14) TS2322', // returns status 200, which the step does not declare
      'bad.ts(5,94) TS2322',
      'bad.ts(6,14) TS2345',
      'bad.ts(7,16) TS2322',
      'bad.ts(7,42) TS2739',
      'bad.ts(8,47) TS2353',
      'bad.ts(9,41) TS2345',
      'bad.ts(14,55) TS2339',
      'bad.ts(18,14) TS2339',
    ])
    expect(errors).toContain("bad.ts(5,94): error TS2322: Type 'string' is not assignable to type 'number'.")
    expect(errors).toContain(`bad.ts(7,16): error TS2322: Type '"order.cancelled"' is not assignable to type '"order.placed" | "report.ready"'.`)
    expect(errors).toContain("bad.ts(14,55): error TS2339: Property 'id' does not exist on type '{ shopId: string; orderId: string; }'.")
    expect(output).toContain("Property 'messageGroupId' is missing in type")
    expect(output).toContain("Property 'total' is missing in type '{ id: string; }' but required in type '{ id: string; total: number; }'.")
  }, 120_000)
})
