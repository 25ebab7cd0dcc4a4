// What a failed delivery records: the handler's error as a plain wire error, whatever value it threw.
import { toWireError, unstorableError, type WireError } from '../../errors.js'

/**
 * The failure as JSON-safe wire error (the same shape from every store). Never throws: a handler may reject
 * with anything, and a throw here would leave the message in flight forever and crash the process.
 */
export function describeFailure(error: unknown): WireError {
  try {
    const wire = JSON.parse(JSON.stringify(toWireError(error))) as Partial<WireError>
    // An error may also say so itself (`retryable: false` on any object), outside the wire shape.
    const retryable = wire.retryable !== false && (error as { retryable?: unknown } | null)?.retryable !== false
    return { ...wire, type: typeof wire.type === 'string' ? wire.type : 'Error', message: String(wire.message ?? ''), retryable }
  } catch (cause) {
    return unstorableError(cause)
  }
}

/** Why a message that was in flight whenever the process stopped (`times` times) went to the dead letters. */
export function interruptedFailure(times: number, attempts: number): WireError {
  return {
    type: 'DeliveryInterrupted',
    message: `The process stopped ${times} time(s) while this message was being handled (crash, kill or exit): moved to the dead letters after ${attempts} attempts.`,
    code: 'E_DELIVERY_INTERRUPTED',
    retryable: false,
  }
}
