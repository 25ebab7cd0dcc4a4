import type { StepProblem } from '../errors.js'
import type { FlowContext } from '../types.js'
import type { Step, StepDefinition } from '../project/step.js'
import type { StreamDefinition, StreamFileDefinition } from '../streams/stream-definition.js'

export interface LoadResult {
  steps: StepDefinition[]
  /** Stream files (`*.stream.ts`, `*_stream.py`) among the files given. */
  streams?: StreamFileDefinition[]
  problems: StepProblem[]
}

export interface ProjectInfo {
  /** Absolute project root. */
  root: string
  env: NodeJS.ProcessEnv
}

export type InvocationKind = 'event' | 'api' | 'cron'

export interface Invocation {
  step: Step
  kind: InvocationKind
  /** Event data, an `ApiRequest`, or undefined for cron. */
  input: unknown
  /** The handler's context: emit, state, logger, streams and traceId, built by the engine. */
  context: FlowContext
  /** Aborted when the invocation times out or the app stops; a language cancels what it can. */
  signal: AbortSignal
}

/** The language seam: how step files of one language are read and their handlers called. */
export interface Language {
  readonly id: string
  /** True for step files this language reads (e.g. `*_step.py`). */
  claims(filePath: string): boolean
  /** Reads the config of every file; problems are returned, never thrown. */
  load(files: string[], project: ProjectInfo): Promise<LoadResult>
  /** Calls the step's handler (with its middleware for API steps) and returns what it returned. */
  invoke(invocation: Invocation): Promise<unknown>
  /** Calls a stream file's `canAccess(subscription, authContext)` (only streams loaded with one). */
  canAccess?(stream: StreamDefinition, subscription: { groupId: string; id?: string }, authContext: unknown): Promise<boolean>
  close(): Promise<void>
}
