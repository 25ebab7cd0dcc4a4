// The `invoke` params (PROTOCOL.md §4) of one invocation, in the order the vectors pin.
import type { Invocation } from '../language.js'
import type { InvokeParams } from './protocol.js'

export function toInvokeParams({ step, kind, input, context }: Pick<Invocation, 'step' | 'kind' | 'input' | 'context'>): InvokeParams {
  return {
    file: step.filePath,
    step: step.name,
    kind,
    // A cron handler has no input: nil, rather than a missing key.
    input: input ?? null,
    traceId: context.traceId,
    flows: context.flows ?? [],
    streams: context.streams ? Object.keys(context.streams) : [],
  }
}
