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
  liveness?: { intervalMs: number; timeoutMs: number }
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
    liveness: options.liveness,
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
const alive = (pid: number) => {
  try {
    return process.kill(pid, 0)
  } catch {
    return false
  }
}
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

  it('fails the one call in flight on a SIGKILLed runner as retryable, and replaces the runner', async () => {
    await withPool({ size: 1, backoffMs: 200 }, async (pool, lines) => {
      const [pid] = pool.pids
      const inFlight = settle(pool.invoke(params('hangs_step.py', 'Hangs'), context))
      await pool.invoke(params('echo_step.py', 'Echo'), context) // the hang is running now
      process.kill(pid!, 'SIGKILL')
      await until(() => pool.pids.length === 0, 'the pool to notice the crash')
      // Sent while no runner is up: it waits for the replacement instead of failing.
      const next = pool.invoke(params('echo_step.py', 'Echo', 'after'), context)
      const error = ((await inFlight) as { error: MotiaError }).error
      expect(error).toBeInstanceOf(MotiaError)
      expect(error.code).toBe('E_RUNNER_CRASHED')
      expect(error.retryable).toBe(true)
      expect(withoutPid(error.message)).toBe(
        'Python runner (pid N) was killed by SIGKILL while running step "Hangs". A new runner replaces it; the call failed as retryable.',
      )
      expect(await next).toEqual({ echo: 'after', traceId: 't' })
      expect(pool.pids).toHaveLength(1)
      expect(pool.pids[0]).not.toBe(pid)
      expect(lines).toContainEqual({ level: 'warn', message: `Python runner (pid ${pid}) was killed by SIGKILL; starting a new runner in 200 ms.`, fields: undefined })
    })
  })

  it('re-runs the calls of a runner that died with several in flight, isolated: only the culprit fails', async () => {
    await withPool({ size: 1 }, async (pool, lines) => {
      const innocent = [1, 2, 3, 4, 5].map((n) => pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { n, seconds: 0.3 }), context))
      const poison = settle(pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { poison: true }), context))
      expect(await Promise.all(innocent)).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5'])
      const error = ((await poison) as { error: MotiaError }).error
      expect(error.code).toBe('E_RUNNER_CRASHED')
      expect(error.retryable).toBe(true)
      expect(withoutPid(error.message)).toBe(
        'Python runner (pid N) was killed by SIGSEGV while running step "Poison" alone. A new runner replaces it; the call failed as retryable.',
      )
      expect(lines.filter((l) => l.message.includes('alone')).map((l) => withoutPid(l.message))).toEqual([
        'Python runner (pid N) died running step "Poison" alone: that call is what ends its runner; it fails, the calls that shared a runner with it run normally.',
      ])
      expect(await pool.invoke(params('echo_step.py', 'Echo', 1), context)).toEqual({ echo: 1, traceId: 't' })
    })
  })

  it('finds every culprit when several calls in flight would end their runner', async () => {
    await withPool({ size: 1 }, async (pool) => {
      const calls = Array.from({ length: 12 }, (_, n) =>
        settle(pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { n, seconds: 0.2, poison: n === 3 || n === 8 }), context)),
      )
      const outcomes = await Promise.all(calls)
      const failed = outcomes.flatMap((o, n) => ('error' in o ? [[n, withoutPid(o.error.message)]] : []))
      expect(failed).toEqual([3, 8].map((n) => [n, 'Python runner (pid N) was killed by SIGSEGV while running step "Poison" alone. A new runner replaces it; the call failed as retryable.']))
      expect(outcomes.filter((o) => 'value' in o)).toHaveLength(10)
    })
  })

  it('ends a suspect whose deadline passes while it is re-run, and closes with suspects in flight without hanging', async () => {
    await withPool({ size: 1 }, async (pool, lines) => {
      const controller = new AbortController()
      const timed = settle(pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { n: 1, seconds: 30 }), context, controller.signal))
      const slow = [2, 3].map((n) => settle(pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { n, seconds: 30 }), context)))
      const poison = settle(pool.invoke(params('segfaults_on_poison_step.py', 'Poison', { poison: true }), context))
      await until(() => lines.some((l) => l.message.startsWith('4 calls were in flight on a Python runner that died')), 'the re-run')
      controller.abort(new Error('deadline'))
      expect(((await timed) as { error: Error }).error.message).toBe('deadline')
      expect(((await poison) as { error: MotiaError }).error.code).toBe('E_RUNNER_CRASHED')
      await pool.close(50)
      // Cancelled on its quarantine runner, or not started there yet: either way retryable, never a hang.
      for (const outcome of await Promise.all(slow)) {
        const error = (outcome as { error: MotiaError }).error
        expect(error.name === 'CancelledError' ? error.name : `${error.code}: ${error.message}`).toMatch(/^(CancelledError|E_SHUTTING_DOWN: )/)
      }
    })
  })

  it('kills and replaces a runner whose event loop blocks past a cancel and its grace; nothing the call does after lands', async () => {
    const { context: ctx, state } = makeContext()
    await withPool({ size: 1, cancelGraceMs: 300 }, async (pool, lines) => {
      const [pid] = pool.pids
      const controller = new AbortController()
      const blocked = pool.invoke(params('sleeps_then_writes_step.py', 'SleepsThenWrites', { seconds: 4 }), ctx, controller.signal)
      const other = pool.invoke(params('slow_step.py', 'Slow', { seconds: 0.2 }), context)
      await until(() => lines.some((l) => l.message === 'sleeping'), 'the handler to block the loop')
      controller.abort(new Error('timed out'))
      await expect(blocked).rejects.toThrow('timed out')
      // The other call was not the cause: it runs again on the new runner and its caller never sees the crash.
      expect(await other).toBe('slow done')
      expect(lines.map((l) => l.message)).toContain(
        `Python runner (pid ${pid}) did not answer a cancel within 300 ms (its event loop is blocked); starting a new runner in 10 ms.`,
      )
      expect(alive(pid!)).toBe(false) // so the write after the sleep can never happen
      expect(pool.pids).not.toContain(pid)
      expect(await pool.invoke(params('echo_step.py', 'Echo', 1), context)).toEqual({ echo: 1, traceId: 't' })
      expect(state.size).toBe(0)
    })
  })

  it('refuses the context calls of a call once it was cancelled, even before the runner stopped it', async () => {
    const { context: ctx, state } = makeContext()
    await withPool({ size: 1 }, async (pool, lines) => {
      const controller = new AbortController()
      const blocked = pool.invoke(params('sleeps_then_writes_step.py', 'SleepsThenWrites', { seconds: 0.5 }), ctx, controller.signal)
      await until(() => lines.some((l) => l.message === 'sleeping'), 'the handler to block the loop')
      controller.abort(new Error('timed out'))
      await expect(blocked).rejects.toThrow('timed out')
      await until(() => lines.some((l) => l.message === 'cancelled at the write'), 'the handler to reach its write')
      expect(state.size).toBe(0)
    })
  })

  it('recycles a runner whose cancelled sync handler never returns: its other calls finish first', async () => {
    await withPool({ size: 1, cancelGraceMs: 1000 }, async (pool, lines) => {
      const [pid] = pool.pids
      const controller = new AbortController()
      const spins = pool.invoke(params('spins_step.py', 'Spins'), context, controller.signal)
      await until(() => lines.some((l) => l.message === 'spinning'), 'the handler to spin')
      const other = pool.invoke(params('slow_step.py', 'Slow', { seconds: 2 }), context)
      controller.abort(new Error('timed out'))
      await expect(spins).rejects.toThrow('timed out')
      await until(() => lines.some((l) => l.message.includes('is recycled')), 'the recycle')
      expect(lines.filter((l) => l.message.includes('is recycled')).map((l) => l.message)).toEqual([
        `Python runner (pid ${pid}) is recycled: step "Spins" did not stop within 1000 ms of its cancel (a sync handler's thread cannot be stopped); a new runner takes new calls, and this one stops once its 1 other call(s) finish.`,
      ])
      const fresh = await pool.invoke(params('pid_step.py', 'Pid'), context)
      expect(fresh).not.toBe(pid)
      expect(await other).toBe('slow done')
      await until(() => !alive(pid!), 'the recycled runner to exit')
      expect(pool.pids).toEqual([fresh])
    })
  })

  it('moves new calls off a runner whose event loop is blocked, and back once it answers again', async () => {
    const liveness = { intervalMs: 100, timeoutMs: 300 }
    await withPool({ size: 2, liveness }, async (pool, lines) => {
      const { context: ctx } = makeContext()
      const blocked = pool.invoke(params('sleeps_then_writes_step.py', 'SleepsThenWrites', { seconds: 2 }), ctx)
      await until(() => lines.some((l) => l.message.includes('is unresponsive')), 'the watchdog')
      const stuckPid = Number(/pid (\d+)/.exec(lines.find((l) => l.message.includes('is unresponsive'))!.message)![1])
      const pids = await Promise.all(Array.from({ length: 20 }, () => pool.invoke(params('pid_step.py', 'Pid'), context)))
      expect(pids.filter((p) => p === stuckPid)).toEqual([])
      expect(await blocked).toBe('wrote')
      await until(() => lines.some((l) => l.message.includes('is responsive again')), 'the runner to answer again')
      const message = (text: string) => withoutPid(lines.find((l) => l.message.includes(text))!.message).replace(/\d+\.\d s/, 'X s')
      expect(message('is unresponsive')).toBe(
        'Python runner (pid N) is unresponsive: its event loop has not answered for X s (an async handler blocking it, e.g. with time.sleep(), or a slow module import); new calls go to other runners.',
      )
      expect(message('is responsive again')).toBe('Python runner (pid N) is responsive again (its event loop was blocked for X s).')
      const after = await Promise.all(Array.from({ length: 20 }, () => pool.invoke(params('pid_step.py', 'Pid'), context)))
      expect(after).toContain(stuckPid)
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

  it('replaces a runner that answers with garbage frames: a protocol error for the call, never a crash or a hang', async () => {
    // No watchdog pings here: the fake answers those with garbage too.
    const liveness = { intervalMs: 600_000, timeoutMs: 600_000 }
    await withPool({ size: 1, python: path.join(fakes, 'garbage-runner'), liveness }, async (pool, lines) => {
      const seen = new Set<number>()
      for (let round = 0; round < 5; round++) {
        await until(() => pool.pids.length === 1, 'a runner')
        const [pid] = pool.pids
        seen.add(pid!)
        const error = (await pool.invoke(params('echo_step.py', 'Echo'), context).catch((e: unknown) => e)) as MotiaError
        expect(error.code).toBe('E_RUNNER_CRASHED')
        expect(error.message).toMatch(
          new RegExp(`^Python runner \\(pid ${pid}\\) sent a corrupt frame \\(Protocol error: .+\\) while running step "Echo"\\.`),
        )
      }
      expect(seen.size).toBe(5)
      expect(lines.filter((l) => l.message.startsWith('Python runner channel is corrupt: Protocol error: '))).toHaveLength(5)
    })
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
