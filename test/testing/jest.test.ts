// `motia/testing` under the real jest binary, as `@motiadev/test` users ran it: TypeScript tests compiled
// to CommonJS by ts-jest, and plain .mjs tests in jest's ESM mode. The fixture project has TS and Python
// steps and a motia.config.ts; its tests boot the app, post, watch a topic, wait for events and read the
// result, and call one handler with createStepContext and jest.fn mocks. A test that fails on purpose,
// selected alone, proves the run really checks.
import { execa } from 'execa'
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, REPO, VENV_PYTHON } from '../helpers/motia-process.js'

const JEST = join(REPO, 'node_modules/.bin/jest')
// Every test except the one that fails on purpose.
const ALL_BUT_FAILING = '^(?!.*deliberately)'

interface JestResult {
  success: boolean
  numPassedTests: number
  numFailedTests: number
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[]
}

/** The fixture project with `motia` installed as a link to this checkout (its package exports pick the entry). */
function project(): string {
  const dir = copyFixture('app', 'test/fixtures/jest')
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(REPO, join(dir, 'node_modules/motia'), 'dir')
  return dir
}

async function runJest(dir: string, mode: 'commonjs' | 'esm', testNamePattern: string) {
  const config = mode === 'esm' ? 'jest.esm.config.cjs' : 'jest.config.cjs'
  const outputFile = join(dir, `jest-${mode}.json`)
  const run = await execa(JEST, ['-c', config, '--ci', '--json', `--outputFile=${outputFile}`, '-t', testNamePattern], {
    cwd: dir,
    reject: false,
    env: { MOTIA_PYTHON: VENV_PYTHON, NODE_OPTIONS: mode === 'esm' ? '--experimental-vm-modules' : '' },
  })
  const result = JSON.parse(readFileSync(outputFile, 'utf8')) as JestResult
  return { exitCode: run.exitCode, output: run.stderr, result }
}

describe.each(['commonjs', 'esm'] as const)('motia/testing under jest (%s)', (mode) => {
  const dir = project()

  it('boots the app, follows TS -> Python -> TS, and calls one handler with jest.fn mocks', { timeout: 180_000 }, async () => {
    const { exitCode, output, result } = await runJest(dir, mode, ALL_BUT_FAILING)
    expect(result.numFailedTests, output).toBe(0)
    expect(result.numPassedTests).toBe(4)
    expect(exitCode).toBe(0)
  })

  it('fails the run when a test fails', { timeout: 180_000 }, async () => {
    const { exitCode, result } = await runJest(dir, mode, 'deliberately')
    expect(exitCode).toBe(1)
    expect(result).toMatchObject({ success: false, numPassedTests: 0, numFailedTests: 1 })
    const failed = result.testResults[0]!.assertionResults.find((test) => test.status === 'failed')!
    expect(failed.title).toBe('deliberately fails: the runner really checks')
    expect(failed.failureMessages[0]).toContain('Expected: 418')
  })
})
