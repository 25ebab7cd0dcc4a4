// The `invoke` params (PROTOCOL.md §4) of one invocation, in the order the vectors pin.
import type { ApiRequest } from '../../types.js'
import type { Invocation } from '../language.js'
import type { InvokeParams } from './protocol.js'

export function toInvokeParams({ step, kind, input, context }: Pick<Invocation, 'step' | 'kind' | 'input' | 'context'>): InvokeParams {
  return {
    file: step.filePath,
    step: step.name,
    kind,
    // A cron handler has no input: nil, rather than a missing key.
    input: kind === 'api' ? withBodyKey(input) : (input ?? null),
    traceId: context.traceId,
    flows: context.flows ?? [],
    streams: context.streams ? Object.keys(context.streams) : [],
  }
}

// A request without a body has `body: undefined`, which the wire drops with its key: Python handlers read
// `req["body"]` (ApiRequest types it as always there), so it travels as nil.
function withBodyKey(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('body' in input) || input.body !== undefined) return input ?? null
  return { ...(input as ApiRequest), body: null }
}
