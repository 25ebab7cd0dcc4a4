// The python language: `*_step.py` files, read and run by a pool of warm Python runner processes.
import { DEFAULT_IMPORT_TIMEOUT_MS } from '../../defaults.js'
import { MotiaError } from '../../errors.js'
import type { StepProblem } from '../../errors.js'
import type { LogSink } from '../../logger/log-sink.js'
import { createLogger } from '../../logger/logger.js'
import type { StepDefinition } from '../../project/step.js'
import { isStreamFile, type StreamDefinition, type StreamFileDefinition } from '../../streams/stream-definition.js'
import type { Invocation, Language, LoadResult, ProjectInfo } from '../language.js'
import { loadBeforeUserModules } from '../user-modules.js'
import { toDefinition, toProblem, toStreamDefinition } from './describe-step.js'
import type { RunnerLog } from './dispatch.js'
import { toInvokeParams } from './invoke-params.js'
import type { DescribeResult } from './protocol.js'
import { NOT_STARTED } from './runner-errors.js'
import type { RunnerPool } from './runner-pool.js'
import { loadTransport, prefetchTransport } from './transport.js'

export type { RunnerPoolOptions } from './runner-pool.js'

export interface PythonLanguageOptions {
  /** Project root; `load()` receives it too and wins. */
  root?: string
  env?: NodeJS.ProcessEnv
  /** The interpreter; default: `findPython(root)` (MOTIA_PYTHON, .venv, python_modules, python3). */
  python?: string
  /** Runner processes; default: MOTIA_PYTHON_WORKERS, else from the machine. */
  workers?: number
  /** Where runner lines that belong to no step go (stderr output, restarts). */
  sink?: LogSink
  onLog?: RunnerLog
  /** Grace given to in-flight invocations by `close()`. Default 2000 ms. */
  closeGraceMs?: number
  /** Longest a step module's import may take at load (default 30 s). */
  importTimeoutMs?: number
}

// The default handler timeout (engine/deadline.ts): what an invocation of a replaced runner may still take.
const RETIRE_GRACE_MS = 300_000

const settle = <T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> =>
  promise.then((value) => ({ status: 'fulfilled', value }), (reason: unknown) => ({ status: 'rejected', reason }))

const notStarted = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' && result.reason instanceof MotiaError && result.reason.cause === NOT_STARTED

/**
 * Loads and runs Python steps. The pool starts on the first `load()` that has files, with one
 * `describe` per file spread over the warm runners.
 *
 * @example
 * const python = new PythonLanguage({ workers: 2 })
 * const { steps, problems } = await python.load(files, { root, env: process.env })
 */
export class PythonLanguage implements Language {
  readonly id = 'python'
  readonly #options: PythonLanguageOptions
  #pool: RunnerPool | undefined
  /** Runners started ahead by `warmUp`. */
  #warm: Promise<RunnerPool> | undefined

  constructor(options: PythonLanguageOptions = {}) {
    this.#options = options
  }

  /** Step files (`*_step.py`, `*.step.py`) and stream files (`*_stream.py`, `*.stream.py`). */
  claims(filePath: string): boolean {
    const claimed = /[._](?:step|stream)\.py$/.test(filePath)
    if (claimed) prefetchTransport()
    return claimed
  }

  /**
   * Problems in step files are returned. An unusable interpreter (missing, too old, no msgpack)
   * is not a step file's problem: it throws one MotiaError naming the fix.
   */
  async load(files: string[], project: ProjectInfo): Promise<LoadResult> {
    if (files.length === 0) return { steps: [], problems: [] }
    // A second load gets fresh runners, so that edited modules are imported again.
    await this.#pool?.close()
    this.#pool = undefined
    const root = project.root ?? this.#options.root
    const warm = this.#warm
    this.#warm = undefined
    const pool = await (warm ?? this.#startPool(root, project.env ?? this.#options.env ?? process.env))
    this.#pool = pool
    const steps: StepDefinition[] = []
    const streams: StreamFileDefinition[] = []
    const problems: StepProblem[] = []
    const importTimeoutMs = this.#options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS
    const results: PromiseSettledResult<DescribeResult>[] = []
    // A module that ends or hangs its runner at import is blamed alone; the files queued behind it on
    // that runner never ran, and are read again. Each round blames at least one file, so this ends.
    let todo = files.map((_, i) => i)
    while (todo.length > 0) {
      const round = await Promise.all(todo.map((i) => settle(pool.describe(files[i]!, importTimeoutMs))))
      for (const [k, i] of todo.entries()) results[i] = round[k]!
      todo = todo.filter((i) => notStarted(results[i]!))
    }
    for (const [i, result] of results.entries()) {
      const file = files[i]!
      if (result.status === 'rejected') {
        problems.push(toProblem(file, root, result.reason))
        continue
      }
      const read = isStreamFile(file) ? toStreamDefinition(file, result.value) : toDefinition(file, result.value)
      if (!('language' in read)) problems.push(read)
      else if (isStreamFile(file)) streams.push(read as StreamFileDefinition)
      else steps.push(read as StepDefinition)
    }
    return { steps, streams, problems }
  }

  /**
   * `motia dev`: starts runners now, before the next `load` needs them, so that a reload of the Python
   * steps only pays for importing them. The runners import no project module until `load`.
   */
  warmUp(project: ProjectInfo): void {
    this.#warm ??= this.#startPool(project.root, project.env)
    this.#warm.catch(() => undefined) // reported by the `load` that uses it
  }

  // The runners boot (Python's start-up, the motia package's import) in processes of their own: the
  // TypeScript steps' imports wait until they are spawned (user-modules.ts), and so run meanwhile.
  #startPool(root: string, env: NodeJS.ProcessEnv): Promise<RunnerPool> {
    const spawning = this.#spawnPool(root, env)
    loadBeforeUserModules(spawning)
    return spawning.then(async ({ pool, started }) => {
      try {
        await started
      } catch (error) {
        await pool.close(0)
        throw error
      }
      return pool
    })
  }

  async #spawnPool(root: string, env: NodeJS.ProcessEnv): Promise<{ pool: RunnerPool; started: Promise<void> }> {
    const { findPython, namedPython, RunnerPool } = await loadTransport()
    const given = this.#options.python
    const named = given ?? namedPython(root, env)
    const python = named ?? (await findPython(root, env)).path
    const pool = new RunnerPool({ root, env, python, size: this.#options.workers, onLog: this.#runnerLog() })
    const starting = settle(pool.start())
    // A named interpreter is checked while its runners start: when it is unusable both fail, and the
    // check's error is the one that names the fix (too old, no msgpack, missing).
    const checking = settle<unknown>(given === undefined && named !== undefined ? findPython(root, env) : Promise.resolve())
    const started = Promise.all([checking, starting]).then(([checked, start]) => {
      if (checked.status === 'rejected') throw checked.reason
      if (start.status === 'rejected') throw start.reason
    })
    return { pool, started }
  }

  invoke(invocation: Invocation): Promise<unknown> {
    const { step, context, signal } = invocation
    const pool = this.#pool
    if (pool === undefined) {
      return Promise.reject(
        new MotiaError('E_STEP_LOAD', `Step "${step.name}" cannot run: the Python steps were not loaded (call load() first).`, {
          retryable: false,
        }),
      )
    }
    return pool.invoke(toInvokeParams(invocation), context, signal)
  }

  /** Asks a runner to call the stream file's `canAccess` (PROTOCOL.md §4); rejects with what it raised. */
  async canAccess(stream: StreamDefinition, subscription: { groupId: string; id?: string }, authContext: unknown): Promise<boolean> {
    if (!stream.hasCanAccess) return true
    const pool = this.#pool
    if (pool === undefined) {
      throw new MotiaError('E_STEP_LOAD', `Stream "${stream.name}" cannot check access: the Python files were not loaded (call load() first).`, { retryable: false })
    }
    return (await pool.canAccess(stream.filePath, subscription, authContext ?? null)) === true
  }

  /**
   * `motia dev` replaced these runners with new ones: invocations under way finish (no cancellation,
   * up to the default handler timeout), then the runners exit. New invocations go to the new runners.
   */
  async retire(): Promise<void> {
    const pool = this.#pool
    this.#pool = undefined
    await pool?.close(RETIRE_GRACE_MS)
  }

  async close(): Promise<void> {
    const pool = this.#pool
    this.#pool = undefined
    const warm = this.#warm
    this.#warm = undefined
    await Promise.all([pool?.close(this.#options.closeGraceMs), warm?.then((idle) => idle.close(0), () => undefined)])
  }

  #runnerLog(): RunnerLog {
    if (this.#options.onLog) return this.#options.onLog
    const sink = this.#options.sink
    if (sink === undefined) return () => {}
    const logger = createLogger(sink, { step: 'python' })
    return (level, message, fields) => logger.log(level, message, fields)
  }
}
