// A real (small) FlowContext for calling handlers in tests: emits and log lines are recorded.
import type { EmitEvent, FlowContext } from '../../../src/types.js'

export function recordingContext(traceId = 'trace-1') {
  const emitted: EmitEvent[] = []
  const logs: [string, string, unknown][] = []
  const log = (level: string) => (message: string, fields?: unknown) => void logs.push([level, message, fields])
  const context: FlowContext = {
    traceId,
    flows: [],
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    state: {
      get: async () => null,
      set: async (_g, _k, value) => value,
      delete: async () => null,
      getGroup: async () => [],
      clear: async () => {},
    },
    emit: async (event) => void emitted.push(event),
    streams: {},
    signal: new AbortController().signal,
  }
  return { context, emitted, logs }
}
