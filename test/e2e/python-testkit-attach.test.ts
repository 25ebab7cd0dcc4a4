// A TypeScript test starts the app with the TS kit; pytest runs the example's Python tests against it
// through MOTIA_TEST_URL (motia.testing's `motia_app` attaches instead of starting one).
import { execa } from 'execa'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMotiaTester } from '../../src/testing/index.js'
import { copyFixture, REPO, VENV_PYTHON } from '../helpers/motia-process.js'

describe('pytest attached to an app createMotiaTester started', () => {
  const project = copyFixture('polyglot-app', 'examples')
  const tester = createMotiaTester({ project, env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } })
  afterAll(() => tester.close())

  it("runs the example's Python app tests against the TS test's app, which sees what they did", async () => {
    const composed = await tester.watch<{ requestId: string; text: string }>('greeting.composed')
    const pytest = await execa(
      VENV_PYTHON,
      ['-m', 'pytest', '-p', 'motia.testing.plugin', '-c', join(REPO, 'python/pyproject.toml'), '--rootdir', project, '-q', join(project, 'tests/test_greetings_app.py')],
      {
        cwd: project,
        // No MOTIA_CLI: an attached fixture never runs motia itself.
        env: { MOTIA_TEST_URL: await tester.url(), PYTHONPATH: join(REPO, 'python') },
        extendEnv: false,
        reject: false,
      },
    )
    expect(pytest.stdout).toMatch(/^2 passed/m)
    expect(pytest.exitCode).toBe(0)

    // The Python tests' greetings went through this app: its watcher and its state saw them.
    expect(composed.getCapturedEvents().map((event) => event.data.text)).toContain('Ahoy Ada! Welcome aboard, matey!')
    const emitted = await tester.get('/greetings/from-pytest')
    expect(emitted.body).toEqual({ name: 'Grace', text: 'Good day, Grace. We are pleased to welcome you.', status: 'delivered' })
  })
})
