// The unit helper: a context for calling one handler by hand, whose `emit` checks what the app checks
// (the topic is in the step's `emits`, the data passes every subscriber's `input` schema, Python's included)
// and records what passed; state and streams live in memory. The project's steps are read, emits checked
// and streams kept in the kit's worker thread (kit-thread.ts); the handler and its state stay in the test's thread.
import { resolve } from 'node:path'
import { MemoryStateStore } from '../adapters/memory/state-store.js'
import { stateManager } from '../engine/state-manager.js'
import { unknownStream } from '../errors.js'
import type { FlowContext, InternalStateManager } from '../types.js'
import { KitThread } from './kit-thread.js'
import type { ProjectRef } from './kit-protocol.js'
import { createMockLogger, type MockLogger } from './mock-context.js'
import { defaultFn, type FnFactory } from './recording-fn.js'
import type { CapturedEvent } from './watchers.js'

export interface StepContextOptions {
  /** The project folder (default `process.cwd()`). */
  project?: string
  /** Environment used to read the Python steps' configs (`MOTIA_PYTHON`); default `process.env`. */
  env?: NodeJS.ProcessEnv
  traceId?: string
  /** State to share between contexts (e.g. to call two handlers in turn); default a fresh in-memory one. */
  state?: InternalStateManager
  /** Makes `emit` and the logger's functions: `vi.fn`, `jest.fn`, or the kit's `recordingFn` (default). */
  fn?: FnFactory
}

export interface StepContext extends FlowContext {
  logger: MockLogger
  /** The events `emit` accepted, in order (an emit that failed its checks threw instead). */
  emitted: CapturedEvent[]
}

// One thread for the step contexts of a test file. It ends once idle for a while (the next call starts
// another, which reads the project again), unless a context's streams live in it.
const IDLE_MS = 5_000
let shared: KitThread | undefined
let nextId = 0

function thread(): KitThread {
  if (!shared || shared.ended) shared = new KitThread({ idleMs: IDLE_MS })
  return shared
}

/**
 * @example
 * import { config, handler } from '../steps/request-greeting.step'
 * const context = await createStepContext(config)
 * await handler({ body: { name: 'Ada' }, headers: {}, pathParams: {}, queryParams: {} }, context)
 * expect(context.emitted).toEqual([{ topic: 'greeting.requested', data: { name: 'Ada' }, traceId: context.traceId }])
 */
export async function createStepContext(step: { name: string } | string, options: StepContextOptions = {}): Promise<StepContext> {
  const name = typeof step === 'string' ? step : step.name
  const project: ProjectRef = { project: resolve(options.project ?? process.cwd()), env: options.env }
  const { flows, streams } = await thread().call('stepContext', { ...project, name })
  const emitted: CapturedEvent[] = []
  const fn = options.fn ?? defaultFn
  const traceId = options.traceId ?? 'test-trace-id'
  const contextId = nextId++
  return {
    traceId,
    flows,
    logger: createMockLogger({ fn }),
    state: options.state ?? stateManager(new MemoryStateStore()),
    emit: fn(async (event) => {
      const accepted = await thread().call('stepEmit', { ...project, name, traceId, event })
      if (accepted) emitted.push(accepted)
    }),
    streams: contextStreams(streams, (stream, method, args) => {
      const holder = thread()
      holder.keep()
      return holder.call('stream', { ...project, contextId, stream, method, args })
    }),
    signal: new AbortController().signal,
    emitted,
  }
}

const STREAM_METHODS = ['get', 'set', 'delete', 'getGroup', 'send'] as const

function contextStreams(names: string[], call: (stream: string, method: string, args: unknown[]) => Promise<unknown>): FlowContext['streams'] {
  const streams: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const stream of names) {
    streams[stream] = {}
    for (const method of STREAM_METHODS) streams[stream][method] = (...args) => call(stream, method, args)
  }
  // As the app's: naming an undeclared stream throws, listing the declared ones.
  return new Proxy(streams, {
    get(target, key) {
      if (typeof key === 'symbol' || PASSIVE_KEYS.has(key) || Object.hasOwn(target, key)) return Reflect.get(target, key)
      throw unknownStream(key, names)
    },
  }) as unknown as FlowContext['streams']
}

const PASSIVE_KEYS = new Set(['then', 'toJSON', 'constructor', 'inspect'])
