import type { DeliveryHandler, QueueMessage } from '../adapters/queue.js'
import { toWireError } from '../errors.js'
import type { Step } from '../project/step.js'
import type { InternalStateManager } from '../types.js'
import { createContext, type ContextServices } from './context.js'
import { invokeStep } from './invoke.js'

/** The queue's delivery handler for one event step: it runs the handler and logs a failure before the queue retries. */
export function eventDelivery(step: Step, services: ContextServices, state: InternalStateManager, stop: AbortSignal): DeliveryHandler {
  return async (message: QueueMessage) => {
    const context = createContext(services, step, message.traceId, state)
    try {
      await invokeStep(step, 'event', message.data, context, stop)
    } catch (error) {
      const wire = toWireError(error)
      context.logger.error(`Handler failed on attempt ${message.attempts + 1}: ${wire.type}: ${wire.message}`, {
        topic: message.topic,
        attempt: message.attempts + 1,
        error: { type: wire.type, message: wire.message, traceback: wire.traceback },
      })
      throw error
    }
  }
}
