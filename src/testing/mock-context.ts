// Mocks for calling a handler by hand, as `@motiadev/test`'s createMockContext / createMockLogger: every
// function records its calls and does nothing else (`emit` and state answer a promise of undefined until told otherwise).
import type { FlowContext, InternalStateManager, Logger } from '../types.js'
import { defaultFn, type FnFactory } from './recording-fn.js'

export interface MockLogger extends Logger {
  /** v0.x's loggers had `log` too. */
  log(message: string, fields?: unknown): void
}

export interface MockOptions {
  /** Makes each mock function: `vi.fn` or `jest.fn` for the runner's own mocks; default the kit's `recordingFn`. */
  fn?: FnFactory
}

export interface MockContextOptions extends MockOptions {
  logger?: Logger
  emit?: FlowContext['emit']
  traceId?: string
  flows?: string[]
  state?: Partial<InternalStateManager>
  streams?: FlowContext['streams']
  signal?: AbortSignal
}

export function createMockLogger(options: MockOptions = {}): MockLogger {
  const fn = options.fn ?? defaultFn
  return { debug: fn(noop), info: fn(noop), warn: fn(noop), error: fn(noop), log: fn(noop) }
}

/**
 * @example
 * const context = createMockContext()
 * await handler({ name: 'Ada' }, context)
 * expect(context.emit).toHaveBeenCalledWith({ topic: 'greeting.requested', data: { name: 'Ada' } })
 */
export function createMockContext(options: MockContextOptions = {}): FlowContext {
  const fn = options.fn ?? defaultFn
  return {
    traceId: options.traceId ?? 'mock-trace-id',
    flows: options.flows ?? [],
    logger: options.logger ?? createMockLogger({ fn }),
    emit: options.emit ?? fn(resolved),
    state: {
      get: fn(resolved) as InternalStateManager['get'],
      set: fn(resolved) as InternalStateManager['set'],
      delete: fn(resolved) as InternalStateManager['delete'],
      getGroup: fn(resolved) as InternalStateManager['getGroup'],
      clear: fn(resolved),
      ...options.state,
    },
    streams: options.streams ?? {},
    signal: options.signal ?? new AbortController().signal,
  }
}

function noop(): undefined {
  return undefined
}

// Awaitable like the real state and emit; typed loosely so that one mock fits every generic signature.
async function resolved(): Promise<any> {
  return undefined
}
