import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { copyFixture, MOTIA_BIN, VENV_PYTHON } from '../helpers/motia-process.js'

// A terminal's Ctrl-C sends SIGINT to the whole foreground process group: the app and its Python runners.
describe('Ctrl-C in a terminal', () => {
  it('stops an app with Python steps cleanly: no runner reports a crash, exit 0', async () => {
    const project = copyFixture('python-failures')
    const child = execa('node', [MOTIA_BIN, 'run', '--project', project, '--port', '0', '--host', '127.0.0.1'], {
      cwd: project,
      env: { MOTIA_LOG_LEVEL: 'debug', MOTIA_PYTHON: VENV_PYTHON, MOTIA_PYTHON_WORKERS: '2' },
      detached: true, // its own process group, as a shell gives a foreground job
      reject: false,
      all: true,
    })
    let output = ''
    child.all!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const deadline = Date.now() + 30_000
    while (!output.includes('Ready on ') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50))
    expect(output).toContain('Ready on ')
    process.kill(-child.pid!, 'SIGINT')
    const result = await child
    expect(output).toContain('Received SIGINT')
    expect(output).not.toMatch(/KeyboardInterrupt|crashed|starting a new runner/)
    expect(result.exitCode).toBe(0)
  })
})
