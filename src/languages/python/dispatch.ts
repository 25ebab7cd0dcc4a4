// Runner -> core methods (PROTOCOL.md §4 "Methods the runner calls on the core"), routed to the
// FlowContext of the invocation they name.
import { MotiaError } from '../../errors.js'
import type { FlowContext, MotiaStream } from '../../types.js'
import type { LogLevel, Params } from './protocol.js'

/** Finds the context of a running invocation by the id of its `invoke` call. */
export type ContextLookup = (invocation: number) => FlowContext | undefined

/** Receives log lines that belong to no invocation (runner start-up, stray output). */
export type RunnerLog = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void

type Handler = (context: FlowContext, p: Params) => unknown

const str = (value: unknown) => value as string

function streamOf(context: FlowContext, name: unknown): MotiaStream {
  const stream = context.streams?.[str(name)]
  if (stream) return stream
  const known = Object.keys(context.streams ?? {})
  throw new MotiaError(
    'E_STEP_CONFIG',
    `No stream named "${String(name)}" (declared: ${known.length ? known.map((n) => `"${n}"`).join(', ') : 'none'}). Declare it in a stream file or fix the name.`,
    { retryable: false },
  )
}

const handlers: Record<string, Handler> = {
  emit: (c, p) => c.emit(p.event as Parameters<FlowContext['emit']>[0]),
  'state.get': (c, p) => c.state.get(str(p.groupId), str(p.key)),
  'state.set': (c, p) => c.state.set(str(p.groupId), str(p.key), p.value),
  'state.delete': (c, p) => c.state.delete(str(p.groupId), str(p.key)),
  'state.getGroup': (c, p) => c.state.getGroup(str(p.groupId)),
  'state.clear': (c, p) => c.state.clear(str(p.groupId)),
  'stream.get': (c, p) => streamOf(c, p.stream).get(str(p.groupId), str(p.id)),
  'stream.set': (c, p) => streamOf(c, p.stream).set(str(p.groupId), str(p.id), p.data),
  'stream.delete': (c, p) => streamOf(c, p.stream).delete(str(p.groupId), str(p.id)),
  'stream.getGroup': (c, p) => streamOf(c, p.stream).getGroup(str(p.groupId)),
  'stream.send': (c, p) =>
    streamOf(c, p.stream).send(
      p.channel as Parameters<MotiaStream['send']>[0],
      p.event as Parameters<MotiaStream['send']>[1],
    ),
}

const LEVELS = new Set<string>(['debug', 'info', 'warn', 'error'])

export interface Dispatcher {
  call(method: string, params: Params): unknown
  notify(method: string, params: Params): void
}

/** Builds the method table of one runner. */
export function createDispatcher(lookup: ContextLookup, runnerLog: RunnerLog): Dispatcher {
  return {
    call(method, params) {
      const handler = handlers[method]
      if (handler === undefined) {
        throw new MotiaError(
          'E_RUNNER_PROTOCOL',
          `Unknown method "${method}" (PROTOCOL.md §4 lists the methods the runner may call): the runner and the core are from different versions.`,
          { retryable: false },
        )
      }
      const context = lookup(params.invocation as number)
      if (context === undefined) {
        throw new MotiaError(
          'E_INVOCATION_ENDED',
          `"${method}" names invocation ${String(params.invocation)}, which has ended (it returned, failed, timed out or was cancelled): context.${method} cannot run after that. Make context calls inside the handler, before it returns or times out.`,
          { retryable: false },
        )
      }
      return handler(context, params)
    },
    notify(method, params) {
      if (method !== 'log') return runnerLog('warn', `Unknown notification "${method}" from the Python runner; ignored.`)
      const level = (LEVELS.has(params.level as string) ? params.level : 'info') as LogLevel
      const message = typeof params.message === 'string' ? params.message : String(params.message)
      const fields = params.fields === null || params.fields === undefined ? undefined : params.fields
      const context = params.invocation === null || params.invocation === undefined ? undefined : lookup(params.invocation as number)
      if (context) context.logger[level](message, fields)
      else runnerLog(level, message, fields as Record<string, unknown> | undefined)
    },
  }
}
