import { execa } from 'execa'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, REPO, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

const SCHEMATHESIS = join(REPO, '.venv/bin/schemathesis')
// Cheap checks that hold for any motia app: motia answers 400/413/415 itself and documents them.
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'negative_data_rejection', 'unsupported_method']

describe('schemathesis against examples/polyglot-app, from /__motia/openapi.json', () => {
  let app: MotiaProcess
  let project: string

  beforeAll(async () => {
    project = copyFixture('polyglot-app', 'examples')
    app = await startMotia(project, { command: 'dev', args: ['--memory'] })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('exercises every API operation and finds no server error', async () => {
    const result = await execa(
      SCHEMATHESIS,
      [
        'run',
        `${app.url}/__motia/openapi.json`,
        '--url',
        app.url,
        '--checks',
        CHECKS.join(','),
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        '50',
        // Same cases on every run (and no example database written).
        '--generation-deterministic',
        '--workers',
        '1',
        '--no-color',
      ],
      // In the project copy: schemathesis writes nothing, but a stray report would land there, not in the repo.
      { cwd: project, reject: false, all: true, timeout: 120_000 },
    )
    const output = result.all ?? ''
    expect(result.exitCode, output).toBe(0)
    expect(output).toMatch(/Selected: 2\/2\s+Tested: 2/)
    const cases = /(\d+) generated, (\d+) passed/.exec(output)
    expect(cases, output).not.toBeNull()
    expect(Number(cases![1])).toBeGreaterThan(20)
    expect(cases![2]).toBe(cases![1])
    expect(app.lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([])
  }, 120_000)
})
