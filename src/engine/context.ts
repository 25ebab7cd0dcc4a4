import type { StateStore } from '../adapters/state-store.js'
import { createLogger } from '../logger/logger.js'
import type { LogSink } from '../logger/log-sink.js'
import type { Step } from '../project/step.js'
import type { EmitEvent, FlowContext, InternalStateManager, Logger } from '../types.js'
import type { EmitFn } from './emitter.js'

export interface ContextServices {
  sink: LogSink
  state: StateStore
  emit: EmitFn
  streams: FlowContext['streams']
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

/** One handler invocation's context: everything it does is tagged with its step and trace. */
export function createContext(services: ContextServices, step: Step, traceId: string, state: InternalStateManager): FlowContext {
  let logger: Logger | undefined
  return {
    traceId,
    flows: step.config.flows ?? [],
    // Made on first use: building a logger costs more than most handlers that never log.
    get logger() {
      return (logger ??= createLogger(services.sink, { step: step.name, traceId }))
    },
    state,
    emit: (event: EmitEvent) => services.emit(step, event, traceId),
    streams: services.streams,
  }
}
