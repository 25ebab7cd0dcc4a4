import { afterEach, describe, expect, it } from 'vitest'
import type { QueueMessage } from '../../src/adapters/queue.js'
import { MemoryQueue } from '../../src/engine/delivery/index.js'
import { createEmitter } from '../../src/engine/emitter.js'
import { buildTopicIndex } from '../../src/engine/topic-index.js'
import type { Step, StepConfigData } from '../../src/project/step.js'

// Steps as the project loader hands them over; the emitter reads only names, emits and subscriptions.
function step(config: Partial<StepConfigData> & { name: string; type: Step['type'] }): Step {
  const emits = config.emits ?? []
  return {
    filePath: `/app/steps/${config.name}.step.ts`,
    relativePath: `steps/${config.name}.step.ts`,
    language: 'typescript',
    config: config as StepConfigData,
    name: config.name,
    type: config.type,
    emitTopics: new Set(emits.map((emit) => (typeof emit === 'string' ? emit : emit.topic))),
    runtime: undefined as never,
  }
}

const emitter = step({ type: 'api', name: 'Emitter', emits: ['ordered', 'unheard'] })
const subscriber = step({ type: 'event', name: 'Fifo', subscribes: ['ordered'], emits: [], infrastructure: { queue: { type: 'fifo' } } })

let queue: MemoryQueue | undefined
afterEach(async () => {
  await queue?.close(100)
  queue = undefined
})

async function setUp() {
  queue = new MemoryQueue()
  const delivered: QueueMessage[] = []
  queue.subscribe({ stepName: 'Fifo', type: 'fifo', maxRetries: 0, concurrency: 1 }, async (message) => {
    delivered.push(message)
  })
  await queue.start()
  return { emit: createEmitter(buildTopicIndex([emitter, subscriber]), queue), delivered }
}

describe('emit', () => {
  it.each([
    ['a number', 5, 'the number 5'],
    ['an object', { id: 'g' }, 'an object with keys id'],
    ['a boolean', true, 'the boolean true'],
  ])('refuses %s as messageGroupId, naming the emitting step, with or without subscribers', async (_name, messageGroupId, shown) => {
    const { emit, delivered } = await setUp()
    for (const topic of ['ordered', 'unheard']) {
      const error = await emit(emitter, { topic, data: {}, messageGroupId: messageGroupId as never }, 't-1').catch((caught: unknown) => caught)
      expect(error).toMatchObject({
        code: 'E_EMIT_VALIDATION',
        message: `Step "Emitter" emitted to "${topic}" with a messageGroupId that is not a string: got ${shown}. Pass a string, or leave messageGroupId out.`,
      })
    }
    expect(delivered).toEqual([])
  })

  it('takes a string or a null messageGroupId (Python None), and keeps the traceId and undefined data', async () => {
    const { emit, delivered } = await setUp()
    await emit(emitter, { topic: 'ordered', data: undefined, messageGroupId: 'g-1' }, 't-1')
    await emit(emitter, { topic: 'ordered', data: { n: 2 }, messageGroupId: null as never }, 't-2')
    await expect.poll(() => delivered.length).toBe(2)
    expect(delivered.map(({ data, traceId, messageGroupId }) => ({ data, traceId, messageGroupId }))).toEqual([
      { data: undefined, traceId: 't-1', messageGroupId: 'g-1' },
      { data: { n: 2 }, traceId: 't-2', messageGroupId: undefined },
    ])
  })

  it('answers an event that is not { topic, data } with E_EMIT_VALIDATION, even when it holds a cycle', async () => {
    const { emit } = await setUp()
    const cyclic: Record<string, unknown> = { data: 1 }
    cyclic.self = cyclic
    const error = await emit(emitter, cyclic as never, 't-1').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'E_EMIT_VALIDATION', message: 'emit expects { topic: string, data }, got an object with keys data, self' })
    await expect(emit(emitter, 'ordered' as never, 't-1')).rejects.toThrow('emit expects { topic: string, data }, got the string "ordered"')
  })
})

describe('emit and the topic index', () => {
  it('delivers once per emit to a step that lists a topic twice in `subscribes`', async () => {
    queue = new MemoryQueue()
    const twice = step({ type: 'event', name: 'Twice', subscribes: ['ordered', 'ordered'], emits: [] })
    const delivered: unknown[] = []
    // One at a time, in order: once the last event is in, any duplicate of an earlier one would be too.
    queue.subscribe({ stepName: 'Twice', type: 'fifo', maxRetries: 0, concurrency: 1 }, async (message) => {
      delivered.push(message.data)
    })
    await queue.start()
    const emit = createEmitter(buildTopicIndex([emitter, twice]), queue)
    for (const data of [1, 2, 3]) await emit(emitter, { topic: 'ordered', data }, `t-${data}`)
    await expect.poll(() => delivered.includes(3)).toBe(true)
    expect(delivered).toEqual([1, 2, 3])
  })
})

describe('emit to a topic the step does not declare', () => {
  const loose = step({ type: 'api', name: 'Loose', emits: [] })

  it('fails with E_UNDECLARED_EMIT by default, and delivers nothing', async () => {
    const { delivered } = await setUp()
    const emit = createEmitter(buildTopicIndex([loose, subscriber]), queue!)
    await expect(emit(loose, { topic: 'ordered', data: 1 }, 't-1')).rejects.toMatchObject({ code: 'E_UNDECLARED_EMIT' })
    expect(delivered).toEqual([])
  })

  it("with undeclaredEmits 'warn', delivers it and warns once per step and topic", async () => {
    const { delivered } = await setUp()
    const warnings: string[] = []
    const emit = createEmitter(buildTopicIndex([loose, subscriber]), queue!, {
      undeclaredEmits: 'warn',
      warn: (message, from, traceId) => warnings.push(`${from.name} ${traceId}: ${message}`),
    })
    await emit(loose, { topic: 'ordered', data: 1 }, 't-1')
    await emit(loose, { topic: 'ordered', data: 2 }, 't-2')
    await emit(loose, { topic: 'unheard', data: 3 }, 't-3')
    await queue!.close(1_000)
    expect(delivered.map((message) => message.data)).toEqual([1, 2])
    expect(warnings).toEqual([
      'Loose t-1: Step "Loose" emitted to topic "ordered", which is not in its `emits`: delivered anyway (compat.undeclaredEmits is \'warn\' in motia.config.ts)',
      'Loose t-3: Step "Loose" emitted to topic "unheard", which is not in its `emits`: delivered anyway (compat.undeclaredEmits is \'warn\' in motia.config.ts)',
    ])
  })
})
