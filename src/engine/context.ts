import { createLogger } from '../logger/logger.js'
import { HANDLER_SPAN, type SpanHolder } from '../traces/handler-span.js'
import type { RecordedSpan } from '../traces/recorded-span.js'
import { tracedState, tracedStreams } from '../traces/traced-ops.js'
import type { Tracer } from '../traces/tracer.js'
import type { LogRecord } from '../logger/format.js'
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
  /** Records spans; undefined when tracing is off (MOTIA_TRACING=off). */
  tracer?: Tracer
}

// Its own module, so that the test kit's thread uses it without loading the engine.
export { stateManager } from './state-manager.js'

/**
 * One handler invocation's context: everything it does is tagged with its step and trace, and its
 * `emit`, `state` and `streams` refuse to act once `scope` ended (E_INVOCATION_ENDED). The logger
 * keeps working: a line about late work is worth having.
 */
export function createContext(services: ContextServices, step: Step, traceId: string, scope: InvocationScope, span?: RecordedSpan): FlowContext {
  return new InvocationContext(services, step, traceId, scope, span)
}

// A class: its getters live on the prototype, where an object literal's would cost closures for every
// invocation, which showed in the event throughput. `emit` stays an own function, so that a
// handler may destructure it.
class InvocationContext implements FlowContext, SpanHolder {
  readonly traceId: string
  readonly flows: string[]
  readonly emit: (event: EmitEvent) => Promise<void>
  #logger: Logger | undefined
  #state: InternalStateManager | undefined
  #streams: FlowContext['streams'] | undefined
  readonly #services: ContextServices
  readonly #step: Step
  readonly #scope: InvocationScope
  /** The handler span of a traced invocation: its logs become span events, its state and stream calls child spans. */
  readonly [HANDLER_SPAN]: RecordedSpan | undefined

  constructor(services: ContextServices, step: Step, traceId: string, scope: InvocationScope, span: RecordedSpan | undefined) {
    this.traceId = traceId
    this.flows = step.config.flows ?? []
    this.#services = services
    this.#step = step
    this.#scope = scope
    this[HANDLER_SPAN] = span
    const parentSpanId = span?.spanId
    this.emit = (event: EmitEvent) => scope.refusal('context.emit') ?? services.emit(step, event, traceId, parentSpanId)
  }

  get logger(): Logger {
    const { tracer } = this.#services
    const span = this[HANDLER_SPAN]
    const onRecord = tracer && span ? (record: LogRecord) => tracer.logEvent(span, record) : undefined
    return (this.#logger ??= createLogger(this.#services.sink, { step: this.#step.name, traceId: this.traceId }, onRecord))
  }

  get state(): InternalStateManager {
    return (this.#state ??= scopedState(this.#traced(this.#services.state, tracedState), this.#scope))
  }

  get streams(): FlowContext['streams'] {
    this.#scope.check('context.streams')
    return (this.#streams ??= scopedStreams(this.#traced(this.#services.streams, tracedStreams), this.#scope))
  }

  #traced<T>(target: T, wrap: (target: T, tracer: Tracer, span: RecordedSpan) => T): T {
    const { tracer } = this.#services
    const span = this[HANDLER_SPAN]
    return tracer && span ? wrap(target, tracer, span) : target
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
