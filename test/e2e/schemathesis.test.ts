import { execa } from 'execa'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, REPO, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const SCHEMATHESIS = join(REPO, '.venv/bin/schemathesis')
// The checks the example passes honestly; the stateful ones need links, which the document has none of.
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'unsupported_method',
]

/** Runs the real schemathesis CLI against a running app, from the document the app serves. */
function schemathesis(app: MotiaProcess, cwd: string) {
  const args = ['run', `${app.url}/__motia/openapi.json`, '--url', app.url, '--checks', CHECKS.join(',')]
  args.push('--phases', 'examples,coverage,fuzzing', '--max-examples', '50', '--workers', '1', '--no-color')
  // Same cases on every run, and no example database written.
  args.push('--generation-deterministic')
  // In the project copy: a stray report would land there, not in the repo.
  return execa(SCHEMATHESIS, args, { cwd, reject: false, all: true, timeout: 120_000 })
}

describe('schemathesis, from /__motia/openapi.json', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it.each([
    { name: 'examples/polyglot-app (TS API, Python event step)', fixture: 'polyglot-app', from: 'examples', operations: 2 },
    { name: 'a Python API step with a nested pydantic body, path and query params', fixture: 'polyglot', from: 'test/fixtures/openapi', operations: 2 },
  ])('exercises every API operation of $name and finds no server error', async ({ fixture, from, operations }) => {
    const project = copyFixture(fixture, from)
    app = await startMotia(project, { command: 'dev', args: ['--memory'] })
    const result = await schemathesis(app, project)
    const output = result.all ?? ''
    expect(result.exitCode, output).toBe(0)
    expect(output).toMatch(new RegExp(`Selected: ${operations}/${operations}\\s+Tested: ${operations}\\b`))
    const cases = /(\d+) generated, (\d+) passed/.exec(output)
    expect(cases, output).not.toBeNull()
    expect(Number(cases![1])).toBeGreaterThan(20)
    expect(cases![2]).toBe(cases![1])
    expect(app.lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([])
  }, 120_000)
})
