import type { StateStore } from '../adapters/state-store.js'
import { createLogger } from '../logger/logger.js'
import type { LogSink } from '../logger/log-sink.js'
import type { Step } from '../project/step.js'
import type { EmitEvent, FlowContext, InternalStateManager, Logger } from '../types.js'
import type { EmitFn } from './emitter.js'
import type { InvocationScope } from './invocation-scope.js'

/** What every invocation's context is built from, once per app. */
export interface ContextServices {
  sink: LogSink
  state: InternalStateManager
  emit: EmitFn
  streams: FlowContext['streams']
  /** Aborted when the app stops: every invocation still running then ends. */
  stop: AbortSignal
}

/** The state API handlers see: the store behind Motia's generic signatures. */
export function stateManager(store: StateStore): InternalStateManager {
  return {
    get: (groupId, key) => store.get(groupId, key) as Promise<never>,
    set: (groupId, key, value) => store.set(groupId, key, value) as Promise<never>,
    delete: (groupId, key) => store.delete(groupId, key) as Promise<never>,
    getGroup: (groupId) => store.getGroup(groupId) as Promise<never[]>,
    clear: (groupId) => store.clear(groupId),
  }
}

/**
 * One handler invocation's context: everything it does is tagged with its step and trace, and its
 * `emit`, `state` and `streams` refuse to act once `scope` ended (E_INVOCATION_ENDED). The logger
 * keeps working: a line about late work is worth having.
 */
export function createContext(services: ContextServices, step: Step, traceId: string, scope: InvocationScope): FlowContext {
  let logger: Logger | undefined
  let state: InternalStateManager | undefined
  return {
    traceId,
    flows: step.config.flows ?? [],
    // Made on first use: building a logger costs more than most handlers that never log.
    get logger() {
      return (logger ??= createLogger(services.sink, { step: step.name, traceId }))
    },
    get state() {
      return (state ??= scopedState(services.state, scope))
    },
    emit: (event: EmitEvent) => scope.refusal('context.emit') ?? services.emit(step, event, traceId),
    get streams() {
      scope.check('context.streams')
      return services.streams
    },
    get signal() {
      return scope.signal
    },
  }
}

function scopedState(state: InternalStateManager, scope: InvocationScope): InternalStateManager {
  return {
    get: (groupId, key) => scope.refusal('context.state.get') ?? (state.get(groupId, key) as Promise<never>),
    set: (groupId, key, value) => scope.refusal('context.state.set') ?? (state.set(groupId, key, value) as Promise<never>),
    delete: (groupId, key) => scope.refusal('context.state.delete') ?? (state.delete(groupId, key) as Promise<never>),
    getGroup: (groupId) => scope.refusal('context.state.getGroup') ?? (state.getGroup(groupId) as Promise<never[]>),
    clear: (groupId) => scope.refusal('context.state.clear') ?? state.clear(groupId),
  }
}
