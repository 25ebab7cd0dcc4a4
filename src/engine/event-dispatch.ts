import type { DeliveryHandler, QueueMessage } from '../adapters/queue.js'
import { toWireError } from '../errors.js'
import type { Step } from '../project/step.js'
import type { ContextServices } from './context.js'
import { deadlineOf } from './deadline.js'
import { invokeStep } from './invoke.js'
import { QueueWaits } from '../traces/queue-waits.js'

/**
 * The queue's delivery handler for one event step: it runs the handler and logs a failure before the
 * queue retries. A delivery fails at its deadline (timeout or lease), which frees its concurrency slot
 * and its fifo group. What the handler returns is ignored (Motia v0.x).
 */
export function eventDelivery(step: Step, services: ContextServices): DeliveryHandler {
  const deadline = deadlineOf(step, 'event')
  const { tracer } = services
  const waits = tracer && new QueueWaits(tracer)
  return async (message: QueueMessage) => {
    const trace = waits?.delivered(message)
    const { context, result } = invokeStep(step, 'event', message.data, message.traceId, deadline, services, trace)
    try {
      await result
    } catch (error) {
      waits?.failed(message)
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
