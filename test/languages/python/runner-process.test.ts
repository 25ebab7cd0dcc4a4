import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import { RunnerProcess } from '../../../src/languages/python/runner-process.js'
import { PROTOCOL_VERSION } from '../../../src/languages/python/protocol.js'
import { fakes, fixtures, repoPython, withoutPid } from './helpers.js'
import type { LogLine } from './helpers.js'

function runner(python = repoPython(), lines: LogLine[] = []) {
  return new RunnerProcess({ root: fixtures, python, onLog: (level, message, fields) => lines.push({ level, message, fields }) })
}

describe('RunnerProcess', () => {
  it('starts the runner and resolves with its hello', async () => {
    const process = runner()
    try {
      const hello = await process.start()
      expect(hello).toMatchObject({ type: 'hello', protocol: PROTOCOL_VERSION, pid: process.pid })
      expect(hello.python).toMatch(/^3\.\d+\.\d+$/)
      expect(process.ready).toBe(true)
      expect(process.load).toBe(0)
    } finally {
      await process.close()
    }
    expect(process.exited).toBe(true)
    expect(process.ready).toBe(false)
  })

  it('answers describe for a file that does not exist with the runner\'s error', async () => {
    const process = runner()
    try {
      await process.start()
      const error = (await process.describe(path.join(fixtures, 'steps', 'nope_step.py')).catch((e: unknown) => e)) as RemoteError
      expect(error).toBeInstanceOf(RemoteError)
      expect(error.message).toBe('steps/nope_step.py: file not found')
      expect(error.wire.code).toBe('E_STEP_LOAD')
    } finally {
      await process.close()
    }
  })

  it('refuses a runner of another protocol version, naming both', async () => {
    const error = (await runner(path.join(fakes, 'protocol-2-runner')).start().catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_PROTOCOL')
    expect(error.message).toBe(
      'Python runner speaks protocol 2, this core speaks protocol 1: the runner and the core come from different motia versions. Reinstall motia so that both match.',
    )
  })

  it('kills a runner whose channel is corrupt', async () => {
    const lines: LogLine[] = []
    const fake = path.join(fakes, 'corrupt-runner')
    const error = (await runner(fake, lines).start().catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(withoutPid(error.message)).toBe(
      `Python runner (pid N, ${fake}) sent a corrupt frame (Frame length 4294967295 exceeds the maximum of 268435456 bytes (PROTOCOL.md §2): the channel is corrupt or a value is too large.) before it was ready. It wrote nothing to stderr.`,
    )
    expect(lines[0]?.level).toBe('error')
    expect(lines[0]?.message).toMatch(/^Python runner channel is corrupt: Frame length 4294967295 exceeds/)
  })

  it('reports a runner that dies before hello with its last stderr lines', async () => {
    const fake = path.join(fakes, 'silent-crash-runner')
    const error = (await runner(fake).start().catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(withoutPid(error.message)).toBe(
      `Python runner (pid N, ${fake}) exited with code 3 before it was ready. Its last output:\n  Fatal Python error: something broke`,
    )
  })

  it('reports an interpreter that cannot be spawned', async () => {
    const error = (await runner('/nonexistent/python').start().catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(error.message).toBe('Python runner (/nonexistent/python) could not be started (ENOENT) before it was ready. It wrote nothing to stderr.')
  })
})
