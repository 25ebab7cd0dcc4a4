// What the test's thread and the kit's worker thread say to each other (see kit-thread.ts): calls
// answered by id, and the events the app emits, sent as they happen for the watchers.
import type { LogLevel } from '../logger/levels.js'
import type { CapturedEvent } from './watchers.js'

export interface AppOptions {
  root: string
  logLevel: LogLevel
  env?: NodeJS.ProcessEnv
  backoff?: { baseMs: number; maxMs: number }
}

/** A project as the unit helper reads it: the folder and the environment its Python configs are read with. */
export interface ProjectRef {
  project: string
  env?: NodeJS.ProcessEnv
}

export interface KitCalls {
  start: { args: AppOptions; value: { port: number } }
  emit: { args: { topic: string; data: unknown; traceId: string; messageGroupId?: string }; value: undefined }
  waitEvents: { args: { timeoutMs: number }; value: undefined }
  log: { args: { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields?: unknown }; value: undefined }
  close: { args: undefined; value: undefined }
  stepContext: { args: ProjectRef & { name: string }; value: { flows: string[]; streams: string[] } }
  stepEmit: { args: ProjectRef & { name: string; traceId: string; event: { topic: string; data: unknown; messageGroupId?: string } }; value: CapturedEvent }
  stream: { args: ProjectRef & { contextId: number; stream: string; method: string; args: unknown[] }; value: unknown }
}

export type KitCall = { [Op in keyof KitCalls]: { id: number; op: Op; args: KitCalls[Op]['args'] } }[keyof KitCalls]

export interface SentError {
  message: string
  name: string
  code?: string
}

export type KitMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError } | { emitted: CapturedEvent }
