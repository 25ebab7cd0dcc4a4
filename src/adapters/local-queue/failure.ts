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
