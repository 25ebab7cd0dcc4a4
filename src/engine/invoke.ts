import { handlerTimeout } from '../errors.js'
import type { InvocationKind } from '../languages/language.js'
import type { Step } from '../project/step.js'
import type { FlowContext } from '../types.js'
import { timeoutOf } from './queue-settings.js'

/**
 * Calls a step's handler through its language, bounded by `infrastructure.handler.timeout`.
 * On timeout the signal is aborted (the Python runner cancels the task) and the call rejects with
 * E_HANDLER_TIMEOUT, which the queue retries.
 */
export function invokeStep(step: Step, kind: InvocationKind, input: unknown, context: FlowContext, stop: AbortSignal): Promise<unknown> {
  const timeout = timeoutOf(step)
  if (!timeout) return step.runtime.invoke({ step, kind, input, context, signal: stop })

  const controller = new AbortController()
  const onStop = () => controller.abort(stop.reason)
  stop.addEventListener('abort', onStop, { once: true })
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = handlerTimeout(step.name, timeout)
      controller.abort(error)
      reject(error)
    }, timeout * 1000)
  })
  const call = step.runtime.invoke({ step, kind, input, context, signal: controller.signal })
  return Promise.race([call, timedOut]).finally(() => {
    clearTimeout(timer)
    stop.removeEventListener('abort', onStop)
  })
}
