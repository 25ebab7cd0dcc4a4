import { MotiaError } from '../errors.js'
import type { Invocation, InvocationKind } from '../languages/language.js'
import type { Step } from '../project/step.js'
import { endHandlerSpan } from '../traces/handler-span.js'
import type { RecordedSpan } from '../traces/recorded-span.js'
import type { Tracer } from '../traces/tracer.js'
import type { FlowContext } from '../types.js'
import { createContext, type ContextServices } from './context.js'
import type { Deadline } from './deadline.js'
import { DeadlineList, type Timed } from './deadline-list.js'
import { InvocationScope } from './invocation-scope.js'

/** Where a traced invocation hangs in its trace: the span it is a child of, and which attempt it is. */
export interface TraceParent {
  spanId: string | undefined
  /** 1-based (the queue's attempts + 1). */
  attempt: number
}

export interface Invoked {
  context: FlowContext
  /** Settles with the handler, or rejects at the deadline (the handler may still be running then). */
  result: Promise<unknown>
}

const appStopped = (step: string) =>
  new MotiaError('E_SHUTTING_DOWN', `The app stopped while step "${step}" was running: the invocation was abandoned (an event runs again on the next start).`)

/**
 * Calls a step's handler through its language with a fresh context. At the deadline (or when the app
 * stops) the invocation ends: its signal aborts (the Python runner cancels the task), `result` rejects
 * (E_HANDLER_TIMEOUT or E_LEASE_EXPIRED, which the queue retries), and whatever the handler still
 * does through its context is refused.
 */
export function invokeStep(
  step: Step,
  kind: InvocationKind,
  input: unknown,
  traceId: string,
  deadline: Deadline,
  services: ContextServices,
  trace?: TraceParent,
): Invoked {
  const scope = new InvocationScope(step.name)
  const { tracer } = services
  const span = tracer?.startSpan(traceId, 'handler', step.name, trace?.spanId, {
    step: step.name,
    language: step.language,
    kind,
    attempt: trace?.attempt ?? 1,
  })
  const context = createContext(services, step, traceId, scope, span)
  const result = new Promise<unknown>((resolve, reject) => {
    const running = new Running(step.name, scope, deadline, resolve, reject, tracer, span)
    const { stop } = services
    if (stop.aborted) return running.stopped()
    running.start(deadlinesOf(stop))
    let call: Promise<unknown>
    try {
      call = step.runtime.invoke(new LanguageCall(step, kind, input, context, scope))
    } catch (error) {
      call = Promise.reject(error)
    }
    call.then(
      (value) => running.settle('it returned', value, false),
      (error: unknown) => running.settle('it failed', error, true),
    )
  })
  return { context, result }
}

// The signal is a getter: its AbortController is made only for a language or a handler that reads it.
class LanguageCall implements Invocation {
  constructor(
    readonly step: Step,
    readonly kind: InvocationKind,
    readonly input: unknown,
    readonly context: FlowContext,
    private readonly scope: InvocationScope,
  ) {}

  get signal(): AbortSignal {
    return this.scope.signal
  }
}

// One invocation in flight. Classes and shared timers rather than closures and a timer per call: this
// runs for every event, and per-call allocations showed in the throughput.
class Running implements Timed {
  expiresAt = 0
  prev: Timed | undefined = undefined
  next: Timed | undefined = undefined
  #list: DeadlineList | undefined

  constructor(
    private readonly stepName: string,
    private readonly scope: InvocationScope,
    private readonly deadline: Deadline,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
    private readonly tracer: Tracer | undefined,
    private readonly span: RecordedSpan | undefined,
  ) {}

  start(deadlines: Deadlines): void {
    this.#list = deadlines.listFor(this.deadline.seconds * 1000)
    this.#list.add(this)
  }

  expired(): void {
    this.#end(`timed out after ${this.deadline.seconds} s`, this.deadline.expired(), 'timeout')
  }

  stopped(): void {
    this.#end('the app stopped', appStopped(this.stepName), 'error')
  }

  settle(how: string, outcome: unknown, failed: boolean): void {
    if (this.scope.ended) return
    this.scope.end(how)
    this.#list?.remove(this)
    if (this.span) endHandlerSpan(this.tracer!, this.span, failed ? 'error' : 'ok', outcome)
    if (failed) this.reject(outcome)
    else this.resolve(outcome)
  }

  #end(how: string, error: unknown, outcome: 'timeout' | 'error'): void {
    if (this.scope.ended) return
    this.scope.end(how, error)
    this.#list?.remove(this)
    if (this.span) endHandlerSpan(this.tracer!, this.span, outcome, error)
    this.reject(error)
  }
}

/** The invocations in flight of one app (one per stop signal), by deadline length; the app's stop ends them all. */
class Deadlines {
  readonly #lists = new Map<number, DeadlineList>()

  constructor(stop: AbortSignal) {
    stop.addEventListener('abort', () => this.#stopAll(), { once: true })
  }

  listFor(ms: number): DeadlineList {
    let list = this.#lists.get(ms)
    if (list === undefined) this.#lists.set(ms, (list = new DeadlineList(ms)))
    return list
  }

  #stopAll(): void {
    for (const list of this.#lists.values()) for (const entry of list.entries()) (entry as Running).stopped()
  }
}

const byStop = new WeakMap<AbortSignal, Deadlines>()

function deadlinesOf(stop: AbortSignal): Deadlines {
  let deadlines = byStop.get(stop)
  if (deadlines === undefined) byStop.set(stop, (deadlines = new Deadlines(stop)))
  return deadlines
}
