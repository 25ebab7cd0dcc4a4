import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import { RunnerPool } from '../../../src/languages/python/runner-pool.js'
import { machinePoolSize } from '../../../src/languages/python/pool-size.js'
import type { InvokeParams } from '../../../src/languages/python/protocol.js'
import { fakes, fixtures, makeContext, repoPython, step, until, withoutPid } from './helpers.js'
import type { LogLine } from './helpers.js'

const params = (file: string, name: string, input: unknown = {}): InvokeParams => ({
  file: step(file),
  step: name,
  // api: an event handler's return value is never sent (PROTOCOL.md §4), and these tests read it.
  kind: 'api',
  input,
  traceId: 't',
  flows: [],
  streams: [],
})

interface PoolSetup {
  size: number
  cancelGraceMs?: number
  python?: string
  env?: NodeJS.ProcessEnv
  backoffMs?: number
}

async function withPool<T>(options: PoolSetup, body: (pool: RunnerPool, lines: LogLine[]) => Promise<T>) {
  const lines: LogLine[] = []
  const pool = new RunnerPool({
    root: fixtures,
    python: options.python ?? repoPython(),
    size: options.size,
    env: options.env,
    cancelGraceMs: options.cancelGraceMs,
    restartBackoff: { baseMs: options.backoffMs ?? 10, maxMs: 1000 },
    onLog: (level, message, fields) => lines.push({ level, message, fields }),
  })
  await pool.start()
  try {
    return await body(pool, lines)
  } finally {
    await pool.close()
  }
}

const { context } = makeContext()
const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: Error) => ({ error }))

describe('RunnerPool', () => {
  it('starts `size` runners and spreads concurrent calls over them evenly (least loaded)', async () => {
    await withPool({ size: 2 }, async (pool) => {
      expect(pool.size).toBe(2)
      expect(new Set(pool.pids).size).toBe(2)
      const pids = await Promise.all(Array.from({ length: 20 }, () => pool.invoke(params('pid_step.py', 'Pid'), context)))
      const counts = new Map<unknown, number>()
      for (const pid of pids) counts.set(pid, (counts.get(pid) ?? 0) + 1)
      expect([...counts.values()]).toEqual([10, 10])
      expect([...counts.keys()].sort()).toEqual([...pool.pids].sort())
    })
  })

  it('sizes itself from the machine by default: two to four runners', () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), env: {} })
    expect(pool.size).toBe(machinePoolSize())
  })

  it('takes its size from MOTIA_PYTHON_WORKERS', async () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), env: { ...process.env, MOTIA_PYTHON_WORKERS: '3' } })
    expect(pool.size).toBe(3)
  })

  it('refuses a bad size with a message naming the option and the value', () => {
    expect(() => new RunnerPool({ root: fixtures, python: repoPython(), size: 0 })).toThrow(
      'Expected the `size` option to be a positive integer, got `0` (number).',
    )
    expect(() => new RunnerPool({ root: fixtures, python: repoPython(), env: { MOTIA_PYTHON_WORKERS: 'four' } })).toThrow(
      'Expected `MOTIA_PYTHON_WORKERS` to be a positive integer, got `four` (string).',
    )
  })

  it('fails every in-flight call of a SIGKILLed runner as retryable, and replaces the runner', async () => {
    await withPool({ size: 1, backoffMs: 200 }, async (pool, lines) => {
      const [pid] = pool.pids
      const inFlight = [1, 2, 3].map(() => settle(pool.invoke(params('hangs_step.py', 'Hangs'), context)))
      await pool.invoke(params('echo_step.py', 'Echo'), context) // the hangs are running now
      process.kill(pid!, 'SIGKILL')
      await until(() => pool.pids.length === 0, 'the pool to notice the crash')
      // Sent while no runner is up: it waits for the replacement instead of failing.
      const next = pool.invoke(params('echo_step.py', 'Echo', 'after'), context)
      for (const outcome of await Promise.all(inFlight)) {
        const error = (outcome as { error: MotiaError }).error
        expect(error).toBeInstanceOf(MotiaError)
        expect(error.code).toBe('E_RUNNER_CRASHED')
        expect(error.retryable).toBe(true)
        expect(withoutPid(error.message)).toBe(
          'Python runner (pid N) was killed by SIGKILL while running step "Hangs". A new runner replaces it; the call failed as retryable.',
        )
      }
      expect(await next).toEqual({ echo: 'after', traceId: 't' })
      expect(pool.pids).toHaveLength(1)
      expect(pool.pids[0]).not.toBe(pid)
      expect(lines).toContainEqual({ level: 'warn', message: `Python runner (pid ${pid}) was killed by SIGKILL; starting a new runner in 200 ms.`, fields: undefined })
    })
  })

  it('cancels every call that shares an aborted signal, and keeps the runners', async () => {
    await withPool({ size: 2 }, async (pool, lines) => {
      const pids = [...pool.pids]
      const controller = new AbortController()
      const calls = Array.from({ length: 50 }, () => pool.invoke(params('hangs_step.py', 'Hangs'), context, controller.signal))
      const done = pool.invoke(params('echo_step.py', 'Echo', 'shared'), context, controller.signal)
      expect(await done).toEqual({ echo: 'shared', traceId: 't' })
      controller.abort(new Error('app stopping'))
      for (const outcome of await Promise.all(calls.map(settle))) expect((outcome as { error: Error }).error.message).toBe('app stopping')
      expect(await pool.invoke(params('echo_step.py', 'Echo', 4), context)).toEqual({ echo: 4, traceId: 't' })
      expect(pool.pids).toEqual(pids)
      expect(lines.filter((l) => l.level !== 'debug')).toEqual([])
    })
  })

  it('ends the wait for a replacement runner when the call is aborted', async () => {
    await withPool({ size: 1, backoffMs: 1000 }, async (pool) => {
      process.kill(pool.pids[0]!, 'SIGKILL')
      await until(() => pool.pids.length === 0, 'the pool to notice the crash')
      const controller = new AbortController()
      const waiting = pool.invoke(params('echo_step.py', 'Echo'), context, controller.signal)
      controller.abort(new Error('gave up'))
      await expect(waiting).rejects.toThrow('gave up')
      expect(await pool.invoke(params('echo_step.py', 'Echo', 3), context)).toEqual({ echo: 3, traceId: 't' })
    })
  })

  it('kills a runner that does not answer a cancel (blocked event loop) and fails its other calls', async () => {
    await withPool({ size: 1, cancelGraceMs: 200 }, async (pool, lines) => {
      const hangs = settle(pool.invoke(params('hangs_step.py', 'Hangs'), context))
      const controller = new AbortController()
      const blocked = pool.invoke(params('blocks_loop_step.py', 'BlocksLoop'), context, controller.signal)
      await until(() => lines.some((l) => l.message === 'blocking the event loop now'), 'the handler to block the loop')
      controller.abort(new Error('timed out'))
      await expect(blocked).rejects.toThrow('timed out')
      const error = ((await hangs) as { error: MotiaError }).error
      expect(error.code).toBe('E_RUNNER_CRASHED')
      expect(withoutPid(error.message)).toBe(
        'Python runner (pid N) did not answer a cancel within 200 ms (hung) while running step "Hangs". A new runner replaces it; the call failed as retryable.',
      )
      expect(await pool.invoke(params('echo_step.py', 'Echo', 1), context)).toEqual({ echo: 1, traceId: 't' })
    })
  })

  it('fails waiting calls (retryably) when the replacement runner cannot start, instead of keeping them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motia-flaky-'))
    const marker = path.join(dir, 'on')
    writeFileSync(marker, '')
    const env = { ...process.env, MOTIA_TEST_FLAKY_MARKER: marker, MOTIA_TEST_REAL_PYTHON: repoPython() }
    try {
      await withPool({ size: 1, python: path.join(fakes, 'flaky-python'), env }, async (pool) => {
        rmSync(marker)
        process.kill(pool.pids[0]!, 'SIGKILL')
        await until(() => pool.pids.length === 0, 'the pool to notice the crash')
        const error = (await pool.invoke(params('echo_step.py', 'Echo'), context).catch((e: unknown) => e)) as MotiaError
        expect(error.code).toBe('E_RUNNER_CRASHED')
        expect(error.retryable).toBe(true)
        expect(withoutPid(error.message)).toBe(
          `Python runner (pid N, ${path.join(fakes, 'flaky-python')}) exited with code 3 before it was ready. Its last output:\n  flaky python is switched off`,
        )
        writeFileSync(marker, '')
        await until(() => pool.pids.length === 1, 'a runner after the interpreter came back')
        expect(await pool.invoke(params('echo_step.py', 'Echo', 2), context)).toEqual({ echo: 2, traceId: 't' })
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lets in-flight work finish on close, then refuses new calls', async () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), size: 1 })
    await pool.start()
    const slow = pool.invoke(params('slow_step.py', 'Slow', { seconds: 0.2 }), context)
    await pool.invoke(params('echo_step.py', 'Echo'), context)
    await pool.close(5000)
    expect(await slow).toBe('slow done')
    await expect(pool.invoke(params('echo_step.py', 'Echo'), context)).rejects.toThrow(
      'The Python runner pool is closed; the call was not run.',
    )
  })

  it('makes a second close() wait for the first, until every runner has exited', async () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), size: 2 })
    await pool.start()
    const pids = pool.pids
    let slowDone = false
    const slow = pool.invoke(params('slow_step.py', 'Slow', { seconds: 0.3 }), context).then(() => (slowDone = true))
    await pool.invoke(params('echo_step.py', 'Echo'), context)
    const first = pool.close(5000)
    await pool.close(5000)
    expect(slowDone).toBe(true)
    const alive = (pid: number) => {
      try {
        return process.kill(pid, 0)
      } catch {
        return false
      }
    }
    expect(pids.filter(alive)).toEqual([])
    await Promise.all([first, slow])
  })

  it('cancels in-flight work that outlives the close grace', async () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), size: 1 })
    await pool.start()
    const hangs = settle(pool.invoke(params('hangs_step.py', 'Hangs'), context))
    await pool.invoke(params('echo_step.py', 'Echo'), context)
    await pool.close(50)
    const error = ((await hangs) as { error: RemoteError }).error
    expect(error).toBeInstanceOf(RemoteError)
    expect(error.name).toBe('CancelledError')
  })

  it('refuses calls before start', async () => {
    const pool = new RunnerPool({ root: fixtures, python: repoPython(), size: 1 })
    await expect(pool.invoke(params('echo_step.py', 'Echo'), context)).rejects.toThrow(
      'The Python runner pool is not started: call `await pool.start()` first.',
    )
  })
})
