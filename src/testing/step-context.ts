// The unit helper: a context for calling one handler by hand, whose `emit` checks what the app checks
// (the topic is in the step's `emits`, the data passes every subscriber's `input` schema, Python's included)
// and records what passed; state and streams live in memory.
import { MemoryStateStore } from '../adapters/memory/index.js'
import { MotiaError } from '../errors.js'
import { stateManager } from '../engine/context.js'
import { createEmitter } from '../engine/emitter.js'
import { contextStreams } from '../engine/streams.js'
import type { FlowContext, InternalStateManager } from '../types.js'
import { discardingQueue } from './discarding-queue.js'
import { createMockLogger, type MockLogger } from './mock-context.js'
import { projectSteps } from './project-steps.js'
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

/**
 * @example
 * import { config, handler } from '../steps/request-greeting.step'
 * const context = await createStepContext(config)
 * await handler({ body: { name: 'Ada' }, headers: {}, pathParams: {}, queryParams: {} }, context)
 * expect(context.emitted).toEqual([{ topic: 'greeting.requested', data: { name: 'Ada' }, traceId: context.traceId }])
 */
export async function createStepContext(step: { name: string } | string, options: StepContextOptions = {}): Promise<StepContext> {
  const name = typeof step === 'string' ? step : step.name
  const project = await projectSteps(options.project ?? process.cwd(), options.env)
  const found = project.steps.find((candidate) => candidate.name === name)
  if (!found) {
    const known = project.steps.map((candidate) => candidate.name).join(', ') || 'none'
    throw new MotiaError('E_BAD_OPTION', `No step named "${name}" in ${project.root} (steps: ${known}). Pass the step's config or name, and the project folder as \`project\`.`, {
      retryable: false,
    })
  }
  const emitted: CapturedEvent[] = []
  const emitFn = createEmitter(project.topics, discardingQueue, {
    undeclaredEmits: project.undeclaredEmits,
    onEmit: ({ messageGroupId, data, ...event }) => emitted.push({ ...event, data: structuredClone(data), ...(messageGroupId === undefined ? {} : { messageGroupId }) }),
  })
  const fn = options.fn ?? defaultFn
  const traceId = options.traceId ?? 'test-trace-id'
  return {
    traceId,
    flows: found.config.flows ?? [],
    logger: createMockLogger({ fn }),
    state: options.state ?? stateManager(new MemoryStateStore()),
    emit: fn((event) => emitFn(found, event, traceId)),
    streams: contextStreams(project.newStreams().streams),
    signal: new AbortController().signal,
    emitted,
  }
}
