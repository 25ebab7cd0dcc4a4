import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MotiaApp } from '../engine/app.js'
import { StepConfigError, MotiaError } from '../errors.js'
import { parseLogLevel } from '../logger/levels.js'

export interface ServeFlags {
  project: string
  port?: number
  host?: string
  memory?: boolean
  strict?: boolean
  bodyLimit?: number
  pythonWorkers?: number
}

/** `motia run` and `motia dev`: start the app, stop cleanly on SIGINT/SIGTERM. */
export async function serve(mode: 'run' | 'dev', flags: ServeFlags): Promise<void> {
  const root = resolve(flags.project)
  loadDotEnv(root)
  const env = process.env
  const app = new MotiaApp({
    root,
    mode,
    host: flags.host ?? env.HOST,
    port: flags.port ?? (env.PORT ? Number(env.PORT) : undefined),
    memory: flags.memory,
    strict: flags.strict,
    bodyLimit: flags.bodyLimit,
    pythonWorkers: flags.pythonWorkers ?? (env.MOTIA_PYTHON_WORKERS ? Number(env.MOTIA_PYTHON_WORKERS) : undefined),
    adminToken: env.MOTIA_ADMIN_TOKEN || undefined,
    logLevel: parseLogLevel(env.MOTIA_LOG_LEVEL ?? env.LOG_LEVEL),
    backoff: env.MOTIA_RETRY_BASE_MS ? { baseMs: Number(env.MOTIA_RETRY_BASE_MS), maxMs: 300_000 } : undefined,
    env,
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    app.logger.info(`Received ${signal}`)
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

  try {
    await app.start()
  } catch (error) {
    app.sink.flush()
    await app.close().catch(() => undefined)
    if (error instanceof StepConfigError || error instanceof MotiaError) {
      process.stderr.write(`motia: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

// `.env` reaches config loading and handlers (Motia v0.x compat); variables already set win.
function loadDotEnv(root: string): void {
  const file = join(root, '.env')
  if (existsSync(file)) process.loadEnvFile(file)
}
