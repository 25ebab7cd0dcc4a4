import { execa } from 'execa'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, MOTIA_BIN, motiaCli, REPO, VENV_PYTHON } from '../helpers/motia-process.js'

const FIXTURES = 'test/fixtures/check'
const python = { MOTIA_PYTHON: VENV_PYTHON }
const CONFLICT =
  'Topic "order.placed": "Bill" (steps/bill.step.ts) needs /amount to be a number, "Ship" (steps/ship_step.py) needs a string: no event can satisfy both'

async function check(fixture: string, ...flags: string[]) {
  const project = copyFixture(fixture, FIXTURES)
  const result = await motiaCli(['check', '-p', project, ...flags], python)
  return { project, exitCode: result.exitCode, lines: result.stdout.split('\n'), stderr: result.stderr }
}

describe('motia check', () => {
  it('exits 0 with a summary on a project with nothing to report', async () => {
    const result = await check('clean', '--no-typecheck')
    expect(result).toMatchObject({ exitCode: 0, lines: ['motia check: 0 errors, 0 warnings'] })
  })

  it('exits 1 on subscribers whose schemas contradict (zod against pydantic)', async () => {
    const result = await check('conflict', '--no-typecheck')
    expect(result).toMatchObject({ exitCode: 1, lines: [`error [topic-conflict] ${CONFLICT}`, 'motia check: 1 error, 0 warnings'] })
  })

  it('warns, and exits 0, on topics emitted but never subscribed to and the reverse', async () => {
    const result = await check('dangling', '--no-typecheck')
    expect(result).toMatchObject({
      exitCode: 0,
      lines: [
        'warning [unconnected-topic] Topic "nobody.listens" is emitted by "Lonely" (steps/lonely.step.ts) but no step subscribes to it: its events are dropped',
        'warning [unconnected-topic] Topic "nobody.sends" is subscribed to by "Lonely" (steps/lonely.step.ts) but no step emits it',
        'motia check: 0 errors, 2 warnings',
      ],
    })
  })

  it('reports a route clash, a schema that does not compile and a duplicate step name as errors, with their files and no stack', async () => {
    const clash = await check('route-clash', '--no-typecheck')
    expect(clash).toMatchObject({
      exitCode: 1,
      lines: [
        'error [step-config] steps/second.step.ts: route GET /orders/:orderId is already served by steps/first.step.ts (step "FirstOrders" at GET /orders/:id): give one of them another path or method',
        'motia check: 1 error, 0 warnings',
      ],
    })
    const badSchema = await check('bad-schema', '--no-typecheck')
    expect(badSchema).toMatchObject({
      exitCode: 1,
      lines: [
        'error [step-config] steps/bad.step.ts: `bodySchema` is not a valid JSON Schema: schema is invalid: data/properties/name/minLength must be integer',
        'motia check: 1 error, 0 warnings',
      ],
    })
    const duplicate = await check('duplicate-name', '--no-typecheck')
    expect(duplicate).toMatchObject({
      exitCode: 1,
      lines: [
        'error [step-config] steps/twin_step.py: step name "Twin" is already used by steps/first.step.ts: step names must be unique',
        'motia check: 1 error, 0 warnings',
      ],
    })
    expect(clash.stderr + badSchema.stderr + duplicate.stderr).not.toMatch(/\n\s+at /)
  })

  it('reports what the loader warns about (loose v0.x schemas) as warnings; -P names the project too', async () => {
    const result = await motiaCli(['check', '-P', copyFixture('loose-schemas'), '--no-typecheck'], python)
    expect(result.exitCode).toBe(0)
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^warning \[load-warning\] steps\/create\.step\.ts: ignoring bodySchema \(neither zod nor JSON Schema/),
      expect.stringMatching(/^warning \[load-warning\] steps\/health_step\.py: ignoring responseSchema\[200\]/),
      expect.stringMatching(/^warning \[load-warning\] steps\/todo\.step\.ts: ignoring responseSchema\[200\], responseSchema\[404\]/),
      'warning [generated-file-missing] types.d.ts: not generated yet: run motia generate-types',
      'warning [generated-file-missing] motia_types.py: not generated yet: run motia generate-types',
      'motia check: 0 errors, 5 warnings',
    ])
  })

  it('prints { errors, warnings, info } with --json', async () => {
    const result = await check('conflict', '--no-typecheck', '--json')
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.lines.join('\n'))).toEqual({ errors: [{ code: 'topic-conflict', message: CONFLICT }], warnings: [], info: [] })
  })

  it('catches a TS step emitting a wrong shape to a Python subscriber with the project’s tsc', async () => {
    const result = await check('ts-to-python')
    expect(result).toMatchObject({
      exitCode: 1,
      lines: ["error [tsc] steps/place.step.ts:7: Type 'string' is not assignable to type 'number'. (TS2322)", 'motia check: 1 error, 0 warnings'],
    })
    // The right shape passes: the error came from the emit, not from the set-up.
    const step = join(result.project, 'steps/place.step.ts')
    writeFileSync(step, readFileSync(step, 'utf8').replace("amount: '12.50'", 'amount: 12.5'))
    expect((await motiaCli(['check', '-p', result.project], python)).exitCode).toBe(0)
  }, 180_000)

  it('catches a Python step emitting a wrong shape to a TS subscriber with mypy', async () => {
    const result = await check('python-to-ts')
    expect(result).toMatchObject({
      exitCode: 1,
      lines: [
        'error [mypy] steps/place_order_step.py:8: Incompatible types (expression has type "str", TypedDict item "amount" has type "float")  [typeddict-item]',
        'info TypeScript type check skipped: no tsconfig.json in the project (add one, e.g. `npx tsc --init`)',
        'motia check: 1 error, 0 warnings',
      ],
    })
    const step = join(result.project, 'steps/place_order_step.py')
    writeFileSync(step, readFileSync(step, 'utf8').replace('"amount": "12.50"', '"amount": 12.5'))
    expect((await motiaCli(['check', '-p', result.project], python)).exitCode).toBe(0)
  }, 180_000)

  it('skips `*.step.py` files (no module names: mypy would misread their relative imports) with one info line', async () => {
    const project = copyFixture('v0-python')
    expect((await motiaCli(['generate-types', '-p', project], python)).exitCode).toBe(0)
    const result = await motiaCli(['check', '-p', project], python)
    expect(result.stdout.split('\n')).toEqual([
      'info Python type check skipped steps/orders/create_order.step.py, steps/orders/record_order.step.py: a file name with a dot is no Python module name, so mypy cannot resolve its imports (rename it, e.g. create_order.step.py -> create_order_step.py)',
      'motia check: 0 errors, 0 warnings',
    ])
    expect(result.exitCode).toBe(0)
  }, 120_000)

  it('says how to enable mypy when the project’s Python lacks it, and exits 0', async () => {
    const project = copyFixture('python-to-ts', FIXTURES)
    const withoutMypy = pythonWithoutMypy()
    const result = await motiaCli(['check', '-p', project], { MOTIA_PYTHON: withoutMypy })
    expect(result.stdout.split('\n')).toEqual([
      'info TypeScript type check skipped: no tsconfig.json in the project (add one, e.g. `npx tsc --init`)',
      `info Python type check skipped: mypy is not installed for ${withoutMypy} (install it there: ${withoutMypy} -m pip install mypy)`,
      'motia check: 0 errors, 0 warnings',
    ])
    expect(result.exitCode).toBe(0)
  }, 120_000)
})

describe('motia run on subscribers whose schemas contradict', () => {
  it('refuses to start, naming both steps, their files and the field, without a stack', async () => {
    const project = copyFixture('conflict', FIXTURES)
    const result = await execa('node', [MOTIA_BIN, 'run', '--project', project, '--port', '0', '--memory'], { reject: false, timeout: 60_000, env: python })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(`motia: 1 problem in step files:\n  steps/bill.step.ts: ${CONFLICT}`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

// The test .venv's Python, with an `import mypy` that fails (a module of that name shadows it), as
// in a project whose .venv has no mypy.
function pythonWithoutMypy(): string {
  const dir = mkdtempSync(join(REPO, '.tmp-tests', 'no-mypy-'))
  mkdirSync(join(dir, 'shadow'))
  writeFileSync(join(dir, 'shadow', 'mypy.py'), 'raise ImportError("No module named \'mypy\'")\n')
  const wrapper = join(dir, 'python')
  writeFileSync(wrapper, `#!/bin/sh\nPYTHONPATH="${join(dir, 'shadow')}\${PYTHONPATH:+:$PYTHONPATH}" exec "${VENV_PYTHON}" "$@"\n`)
  chmodSync(wrapper, 0o755)
  return wrapper
}
