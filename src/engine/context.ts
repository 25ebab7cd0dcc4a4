import { createLogger } from '../logger/logger.js'
import type { LogSink } from '../logger/log-sink.js'
import type { Step } from '../project/step.js'
import type { EmitEvent, FlowContext, InternalStateManager, Logger } from '../types.js'
import type { EmitFn } from './emitter.js'
import type { InvocationScope } from './invocation-scope.js'
import { scopedStreams } from './streams.js'

/** What every invocation's context is built from, once per app. */
export interface ContextServices {
  sink: LogSink
  state: InternalStateManager
  emit: EmitFn
  streams: FlowContext['streams']
  /** Aborted when the app stops: every invocation still running then ends. */
  stop: AbortSignal
}

// Its own module, so that the test kit's thread uses it without loading the engine.
export { stateManager } from './state-manager.js'

/**
 * One handler invocation's context: everything it does is tagged with its step and trace, and its
 * `emit`, `state` and `streams` refuse to act once `scope` ended (E_INVOCATION_ENDED). The logger
 * keeps working: a line about late work is worth having.
 */
export function createContext(services: ContextServices, step: Step, traceId: string, scope: InvocationScope): FlowContext {
  return new InvocationContext(services, step, traceId, scope)
}

// A class: its getters live on the prototype, where an object literal's would cost closures for every
// invocation, which showed in the event throughput. `emit` stays an own function, so that a
// handler may destructure it.
class InvocationContext implements FlowContext {
  readonly traceId: string
  readonly flows: string[]
  readonly emit: (event: EmitEvent) => Promise<void>
  #logger: Logger | undefined
  #state: InternalStateManager | undefined
  #streams: FlowContext['streams'] | undefined
  readonly #services: ContextServices
  readonly #step: Step
  readonly #scope: InvocationScope

  constructor(services: ContextServices, step: Step, traceId: string, scope: InvocationScope) {
    this.traceId = traceId
    this.flows = step.config.flows ?? []
    this.#services = services
    this.#step = step
    this.#scope = scope
    this.emit = (event: EmitEvent) => scope.refusal('context.emit') ?? services.emit(step, event, traceId)
  }

  get logger(): Logger {
    return (this.#logger ??= createLogger(this.#services.sink, { step: this.#step.name, traceId: this.traceId }))
  }

  get state(): InternalStateManager {
    return (this.#state ??= scopedState(this.#services.state, this.#scope))
  }

  get streams(): FlowContext['streams'] {
    this.#scope.check('context.streams')
    return (this.#streams ??= scopedStreams(this.#services.streams, this.#scope))
  }

  get signal(): AbortSignal {
    return this.#scope.signal
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
