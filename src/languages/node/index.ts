// The node language: TypeScript and JavaScript steps imported and called in this process.
import { registerModuleAliases } from '../../config/module-aliases.js'
import { DEFAULT_IMPORT_TIMEOUT_MS } from '../../defaults.js'
import { MotiaError, type StepProblem } from '../../errors.js'
import { captureConsole, withStepConsole } from '../../logger/step-console.js'
import type { StepDefinition } from '../../project/step.js'
import { isStreamFile, type StreamDefinition, type StreamFileDefinition } from '../../streams/stream-definition.js'
import type { Invocation, Language, LoadResult, ProjectInfo } from '../language.js'
import { composeMiddleware, type ApiCall } from './compose-middleware.js'
import { importStep } from './import-step.js'
import { readModule, type AnyFunction } from './read-module.js'
import { readStreamModule } from './read-stream-module.js'
import { reloadProjectModules } from './reload-modules.js'
import { coreStartsSettled } from '../user-modules.js'
import { shareZod } from './shared-packages.js'

// `.ts`, `.js` and their `.mts`/`.cts`/`.mjs`/`.cjs` forms; never `.d.ts` or `.tsx`/`.jsx`.
const NODE_STEP = /\.[cm]?[jt]s$/

// Process-wide, like the ESM module cache: each load after the first (a new project load, a dev
// reload) imports fresh instances of the step files and of the project modules they import, so they
// see the current source and env (see reload-modules.ts).
let loads = 0

interface Loaded {
  handler?: AnyFunction
  api?: ApiCall
}

/**
 * Loads `*.step.ts` / `*_step.js` files with `import()`: the process runs tsx's loader (bin/motia.js),
 * so TypeScript needs no build, and steps import their siblings and the project's own packages.
 *
 * @example
 * const steps = await loadProject(root, [new NodeLanguage(), pythonLanguage])
 */
export class NodeLanguage implements Language {
  readonly id = 'node'
  readonly #loaded = new Map<string, Loaded>()
  /** Stream files' `canAccess` functions, by file. */
  readonly #canAccess = new Map<string, AnyFunction>()
  readonly #importTimeoutMs: number

  /** `importTimeoutMs`: longest a step module's import may take at load (default 30 s). */
  constructor(options: { importTimeoutMs?: number } = {}) {
    this.#importTimeoutMs = options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS
    captureConsole()
    // Steps of Motia v0.x projects may import `@motiadev/core`, as their motia.config.ts does.
    registerModuleAliases()
  }

  claims(filePath: string): boolean {
    return NODE_STEP.test(filePath) && !filePath.endsWith('.d.ts')
  }

  async load(files: string[], project: ProjectInfo): Promise<LoadResult> {
    shareEnv(project.env)
    shareZod(project.root)
    const steps: StepDefinition[] = []
    const streams: StreamFileDefinition[] = []
    const problems: StepProblem[] = []
    const generation = loads++
    if (generation > 0) reloadProjectModules(project.root)
    await coreStartsSettled()
    // One at a time: module top-level code (logs, env reads) runs in a predictable order.
    for (const file of files) {
      this.#loaded.delete(file)
      this.#canAccess.delete(file)
      const imported = await importStep(file, generation, this.#importTimeoutMs)
      if ('problem' in imported) {
        problems.push(imported.problem)
        continue
      }
      if (isStreamFile(file)) {
        const stream = readStreamModule(file, imported.module)
        problems.push(...stream.problems)
        if (stream.definition) streams.push(stream.definition)
        if (stream.canAccess) this.#canAccess.set(file, stream.canAccess)
        continue
      }
      const read = readModule(file, imported.module)
      problems.push(...read.problems)
      if (!read.definition) continue
      steps.push(read.definition)
      const { handler, middleware } = read
      this.#loaded.set(file, {
        handler,
        api: handler && read.definition.config.type === 'api' ? composeMiddleware(middleware, handler) : undefined,
      })
    }
    return { steps, streams, problems }
  }

  async invoke({ step, kind, input, context }: Invocation): Promise<unknown> {
    const loaded = this.#loaded.get(step.filePath)
    if (!loaded?.handler) {
      throw new MotiaError('E_STEP_LOAD', `Step "${step.name}" (${step.relativePath}) has no loaded handler in the node language: load the project first`, {
        retryable: false,
      })
    }
    const { handler, api } = loaded
    // The step's console (middleware, handler, what they call, across awaits) logs as the step.
    return withStepConsole(context, () => {
      if (kind === 'api') return (api ?? composeMiddleware([], handler))(input as never, context)
      if (kind === 'cron') return handler(context)
      return handler(input, context)
    })
  }

  async canAccess(stream: StreamDefinition, subscription: { groupId: string; id?: string }, authContext: unknown): Promise<boolean> {
    const canAccess = this.#canAccess.get(stream.filePath)
    return canAccess ? Boolean(await canAccess(subscription, authContext)) : true
  }

  /**
   * `motia dev` replaced this instance: nothing to stop. Invocations under way finish, and the handlers
   * are freed with the instance once no step refers to it.
   */
  async retire(): Promise<void> {}

  async close(): Promise<void> {
    this.#loaded.clear()
    this.#canAccess.clear()
  }
}

// Steps run in this process and read `process.env` at import (e.g. a cron expression from env), so
// values the CLI read from `.env` are added; variables already set win, as with dotenv.
function shareEnv(env: NodeJS.ProcessEnv): void {
  if (env === process.env) return
  for (const [key, value] of Object.entries(env)) if (process.env[key] === undefined && value !== undefined) process.env[key] = value
}
