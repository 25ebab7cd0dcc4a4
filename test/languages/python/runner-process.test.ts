import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { type MotiaError, RemoteError } from '../../../src/errors.js'
import { RunnerProcess } from '../../../src/languages/python/runner-process.js'
import { PROTOCOL_VERSION } from '../../../src/languages/python/protocol.js'
import { MAX_LINE_CHARS } from '../../../src/languages/python/line-splitter.js'
import { fakes, fixtures, makeContext, repoPython, step, until, withoutPid } from './helpers.js'
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

  it('names text printed to stdout at interpreter start-up instead of reading it as a frame length', async () => {
    const env = { ...process.env, PYTHONPATH: path.join(fixtures, 'prints-at-startup') }
    const python = repoPython()
    const error = (await new RunnerProcess({ root: fixtures, python, env }).start().catch((e: unknown) => e)) as MotiaError
    expect(error.code).toBe('E_RUNNER_CRASHED')
    expect(withoutPid(error.message)).toBe(
      `Python runner (pid N, ${python}) printed "hello from sitecustomize" to stdout, where only protocol frames may go (does a sitecustomize.py or .pth file print at interpreter start-up? make it print to stderr) before it was ready. It wrote nothing to stderr.`,
    )
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

  it('passes on megabytes written to fd 2 without a newline as bounded lines while they stream', async () => {
    const lines: LogLine[] = []
    const process = runner(repoPython(), lines)
    const invoke = (file: string, name: string, input: unknown) =>
      process.invoke({ file: step(file), step: name, kind: 'api', input, traceId: 't', flows: [], streams: [] }, makeContext().context)
    try {
      await process.start()
      const bytes = 4 * 1024 * 1024
      expect(await invoke('floods_stderr_step.py', 'FloodsStderr', { bytes })).toBe('flooded')
      const stderr = () => lines.filter((line) => (line.fields as { stream?: string }).stream === 'stderr')
      // Before the runner ends: a line with no newline is not held back until the pipe closes.
      await until(() => stderr().length === bytes / MAX_LINE_CHARS, 'the flood as 64 KiB lines')
      expect(stderr().every((line) => line.message === 'x'.repeat(MAX_LINE_CHARS))).toBe(true)
      expect(await invoke('echo_step.py', 'Echo', 'after')).toEqual({ echo: 'after', traceId: 't' })
    } finally {
      await process.close()
    }
  })

  it('holds frames in the core while the runner does not read its stdin, and sends them all once it does', async () => {
    const process_ = runner()
    const invoke = (input: unknown) =>
      process_.invoke({ file: step('echo_step.py'), step: 'Echo', kind: 'api', input, traceId: 't', flows: [], streams: [] }, makeContext().context)
    try {
      await process_.start()
      process.kill(process_.pid!, 'SIGSTOP')
      const input = 'x'.repeat(256 * 1024)
      const calls = Array.from({ length: 64 }, () => invoke(input)) // 16 MiB: far more than a pipe holds
      await until(() => process_.pendingWrites.queued < 16 * 1024 * 1024, 'the first write')
      // The stream holds about one batch (1 MiB); the rest waits in the core for 'drain'.
      expect(process_.pendingWrites.stream).toBeLessThanOrEqual(2 * 1024 * 1024)
      expect(process_.pendingWrites.queued).toBeGreaterThanOrEqual(12 * 1024 * 1024)
      process.kill(process_.pid!, 'SIGCONT')
      const results = await Promise.all(calls)
      expect(results.every((r) => (r as { echo: string }).echo === input)).toBe(true)
      expect(process_.pendingWrites).toEqual({ queued: 0, stream: 0 })
    } finally {
      if (process_.pid) process.kill(process_.pid, 'SIGCONT')
      await process_.close()
    }
  })
})
