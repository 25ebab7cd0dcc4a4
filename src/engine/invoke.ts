import { MotiaError } from '../errors.js'
import type { InvocationKind } from '../languages/language.js'
import type { Step } from '../project/step.js'
import type { FlowContext } from '../types.js'
import { createContext, type ContextServices } from './context.js'
import type { Deadline } from './deadline.js'
import { InvocationScope } from './invocation-scope.js'

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
export function invokeStep(step: Step, kind: InvocationKind, input: unknown, traceId: string, deadline: Deadline, services: ContextServices): Invoked {
  const scope = new InvocationScope(step.name)
  const context = createContext(services, step, traceId, scope)
  const result = new Promise<unknown>((resolve, reject) => {
    const { stop } = services
    const end = (how: string, error: unknown) => {
      if (scope.ended) return
      scope.end(how, error)
      cleanup()
      reject(error)
    }
    const onStop = () => end('the app stopped', appStopped(step.name))
    if (stop.aborted) return onStop()
    const timer = setTimeout(() => end(`timed out after ${deadline.seconds} s`, deadline.expired()), deadline.seconds * 1000)
    const forget = whenStopped(stop, onStop)
    const cleanup = () => {
      clearTimeout(timer)
      forget()
    }
    let call: Promise<unknown>
    try {
      // A getter: the signal (an AbortController) is made only for a language or a handler that reads it.
      call = step.runtime.invoke({ step, kind, input, context, get signal() { return scope.signal } })
    } catch (error) {
      call = Promise.reject(error)
    }
    call.then(
      (value) => {
        if (scope.ended) return
        scope.end('it returned')
        cleanup()
        resolve(value)
      },
      (error: unknown) => {
        if (scope.ended) return
        scope.end('it failed')
        cleanup()
        reject(error)
      },
    )
  })
  return { context, result }
}

// One abort listener per app rather than one per invocation: adding and removing an EventTarget
// listener costs time in proportion to the listeners already there (hundreds in flight).
const stopping = new WeakMap<AbortSignal, Set<() => void>>()

function whenStopped(stop: AbortSignal, run: () => void): () => void {
  let runs = stopping.get(stop)
  if (runs === undefined) {
    const all = new Set<() => void>()
    stop.addEventListener('abort', () => { for (const each of [...all]) each() }, { once: true })
    stopping.set(stop, all)
    runs = all
  }
  runs.add(run)
  const registered = runs
  return () => void registered.delete(run)
}
