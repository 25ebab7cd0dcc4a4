import { resolve } from 'node:path'
import { MotiaApp } from '../engine/app.js'
import { DEFAULT_HEAP_BUDGET_MB, HeapBudget } from '../engine/heap-budget.js'
import { StepConfigError, MotiaError } from '../errors.js'
import { parseLogLevel } from '../logger/levels.js'
import { parseNonNegativeInt, parsePort, parsePositiveInt } from './options.js'
import type { ProjectWatcher } from '../engine/reload/watch-project.js'
import { loadDotEnv } from './dot-env.js'
import { refreshGeneratedFiles, writeFirstPythonTypesOrWarn } from './refresh-generated-files.js'

export interface ServeFlags {
  project: string
  port?: number
  host?: string
  memory?: boolean
  redis?: string
  strict?: boolean
  bodyLimit?: number
  streamBufferLimit?: number
  pythonWorkers?: number
  /** `motia dev --no-watch`: false. */
  watch?: boolean
}

/** `motia run` and `motia dev`: start the app, stop cleanly on SIGINT/SIGTERM. */
export async function serve(mode: 'run' | 'dev', flags: ServeFlags): Promise<void> {
  const root = resolve(flags.project)
  loadDotEnv(root)
  const env = process.env
  const retryBaseMs = fromEnv(env, 'MOTIA_RETRY_BASE_MS', parseNonNegativeInt)
  // Process-wide (one V8 heap), so it belongs to the command, not to an app: 0 leaves V8 to itself.
  new HeapBudget(fromEnv(env, 'MOTIA_HEAP_BUDGET_MB', parseNonNegativeInt) ?? DEFAULT_HEAP_BUDGET_MB).start()
  const newApp = (port: number | undefined): MotiaApp => new MotiaApp({
    root,
    mode,
    reload: flags.watch !== false,
    host: flags.host ?? env.HOST,
    port,
    memory: flags.memory,
    redisUrl: flags.redis,
    strict: flags.strict,
    bodyLimit: flags.bodyLimit,
    streamBufferLimit: flags.streamBufferLimit,
    pythonWorkers: flags.pythonWorkers ?? fromEnv(env, 'MOTIA_PYTHON_WORKERS', parsePositiveInt),
    adminToken: env.MOTIA_ADMIN_TOKEN || undefined,
    logLevel: parseLogLevel(env.MOTIA_LOG_LEVEL ?? env.LOG_LEVEL),
    backoff: retryBaseMs === undefined ? undefined : { baseMs: retryBaseMs, maxMs: Math.max(300_000, retryBaseMs) },
    env,
    // `motia dev` keeps types.d.ts in step with the steps; `motia run` never writes into the project.
    onProjectLoaded: mode === 'dev' ? (steps, streams) => refreshGeneratedFiles(root, steps, streams, app.logger) : undefined,
  })
  let app = newApp(flags.port ?? fromEnv(env, 'PORT', parsePort))
  // `motia dev` writes the generated files; Python steps that import motia_types need it before they load.
  if (mode === 'dev') await writeFirstPythonTypesOrWarn(root, app.logger)

  let watcher: ProjectWatcher | undefined
  let stopping = false
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) {
      // A second Ctrl-C means "now": stored events are not lost (without --memory); unfinished ones run again on the next start.
      app.logger.warn(`Received ${signal} again: exiting now, without waiting for in-flight work`)
      app.sink.flush()
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    stopping = true
    app.logger.info(`Received ${signal}`)
    void watcher?.close()
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`motia: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // Steps run in this process (in Motia v0.x each call had its own): a forgotten `await` on a failing
  // emit must cost a log line, not the app and every handler in flight.
  process.on('unhandledRejection', (reason) => {
    const message = reason instanceof Error ? reason.message : String(reason)
    app.logger.error(`Unhandled promise rejection (is an \`await\` missing in a step?): ${message}`, { error: reason })
  })

  try {
    // Hot reload. Watching starts before the app does, so an edit made while it starts counts; reloads
    // wait for the start. Loaded here: `motia run` never loads chokidar or the reload code.
    let started: Promise<{ port: number }> | undefined
    if (mode === 'dev' && flags.watch !== false) {
      const { watchAndReload } = await import('./dev-reload.js')
      watcher = watchAndReload(root, { app: () => app, started: () => started!, restart: async () => restartApp((await started!).port) })
    }
    started = app.start()
    await started
  } catch (error) {
    await watcher?.close()
    app.sink.flush()
    await app.close().catch(() => undefined)
    if (error instanceof StepConfigError || error instanceof MotiaError) {
      process.stderr.write(`motia: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }

  // motia.config.ts changed: the app stops (stored events stay in .motia) and a new one starts on the port.
  async function restartApp(port: number): Promise<void> {
    app.logger.info('motia.config.ts changed: restarting the app on the same port (stored events are kept)')
    const generation = app.devStatus.generation
    await app.close()
    app = newApp(port)
    try {
      await app.start()
      app.devStatus.generation = generation + 1
      app.devStatus.reloadedAt = Date.now()
    } catch (error) {
      app.logger.error(`Could not restart the app: ${error instanceof Error ? error.message : String(error)}; fix the cause and save again`)
    }
  }
}

// A variable set but empty counts as unset; a bad value is refused with the option parser's message.
function fromEnv(env: NodeJS.ProcessEnv, name: string, parse: (value: string) => number): number | undefined {
  const value = env[name]
  if (!value) return undefined
  try {
    return parse(value)
  } catch (error) {
    throw new Error(`Environment variable ${name}: ${(error as Error).message}`)
  }
}
