// The spans of one invocation, recorded by a real Tracer into a real memory store; the language is a
// collaborator that calls the handler given here (as in test/engine/invoke.test.ts).
import { describe, expect, it } from 'vitest'
import { MemoryStateStore } from '../../src/adapters/memory/index.js'
import { stateManager, type ContextServices } from '../../src/engine/context.js'
import { CronScheduler } from '../../src/engine/cron-scheduler.js'
import type { Deadline } from '../../src/engine/deadline.js'
import { invokeStep } from '../../src/engine/invoke.js'
import { contextStreams } from '../../src/engine/streams.js'
import { handlerTimeout } from '../../src/errors.js'
import type { Invocation, Language } from '../../src/languages/language.js'
import { LogSink } from '../../src/logger/log-sink.js'
import type { Step } from '../../src/project/step.js'
import { MemoryTraceStore } from '../../src/traces/memory-trace-store.js'
import type { Span } from '../../src/traces/span.js'
import { Tracer } from '../../src/traces/tracer.js'
import type { FlowContext, MotiaStream } from '../../src/types.js'

type Handler = (context: FlowContext) => Promise<unknown>

function setup(handler: Handler, type: 'event' | 'cron' = 'event') {
  const store = new MemoryTraceStore()
  const tracer = new Tracer({ store })
  const items = new Map<string, unknown>()
  const messages: MotiaStream = {
    get: async (groupId, id) => (items.get(`${groupId}/${id}`) as never) ?? null,
    set: async (groupId, id, data) => (items.set(`${groupId}/${id}`, data), { ...(data as object), id } as never),
    delete: async () => null,
    getGroup: async () => [],
    send: async () => undefined,
  }
  const services: ContextServices = {
    sink: new LogSink({ level: 'info', pretty: false, output: { write: (data) => data.length } }),
    state: stateManager(new MemoryStateStore()),
    emit: async () => undefined,
    streams: contextStreams({ messages }),
    stop: new AbortController().signal,
    tracer,
  }
  const language = { invoke: (invocation: Invocation) => handler(invocation.context) } as unknown as Language
  const step = { name: 'Worker', language: 'typescript', type, config: { type, name: 'Worker', cron: '* * * * *' }, runtime: language } as unknown as Step
  const deadline: Deadline = { seconds: 0.02, expired: () => handlerTimeout('Worker', 0.02) }
  const spans = (traceId: string): Span[] => {
    tracer.flush()
    return store.get(traceId)?.spans ?? []
  }
  return { services, step, deadline, spans, tracer }
}

describe('the spans of an invocation', () => {
  it('records stream and state calls as children of the handler span, and its log lines as events', async () => {
    const { services, step, deadline, spans } = setup(async (context) => {
      context.logger.info('saving', { count: 2, nested: { a: 1 } })
      await context.streams.messages!.set('room-1', 'm-1', { text: 'hi' })
      await context.state.get('seen', 'm-1')
    })
    await invokeStep(step, 'event', {}, 'trace-1', deadline, services, { spanId: 'aaaaaaaaaaaaaaaa', attempt: 3 }).result
    const [handler, stream, state] = spans('trace-1')
    expect(handler).toMatchObject({ kind: 'handler', name: 'Worker', parentSpanId: 'aaaaaaaaaaaaaaaa', status: 'ok' })
    expect(handler!.attributes).toEqual({ step: 'Worker', language: 'typescript', kind: 'event', attempt: 3, outcome: 'ok' })
    expect(handler!.events).toEqual([{ time: expect.any(Number), name: 'log', attributes: { level: 'info', message: 'saving', count: 2, nested: '{"a":1}' } }])
    expect(stream).toMatchObject({ kind: 'stream', name: 'stream.set messages', parentSpanId: handler!.spanId, attributes: { op: 'set', stream: 'messages', group: 'room-1', id: 'm-1' } })
    expect(state).toMatchObject({ kind: 'state', name: 'state.get seen', parentSpanId: handler!.spanId, attributes: { op: 'get', group: 'seen', key: 'm-1' } })
  })

  it('ends the handler span of a handler that outlives its deadline with outcome timeout', async () => {
    const { services, step, deadline, spans } = setup(() => new Promise(() => undefined))
    await expect(invokeStep(step, 'event', {}, 'trace-2', deadline, services).result).rejects.toMatchObject({ code: 'E_HANDLER_TIMEOUT' })
    const [handler] = spans('trace-2')
    expect(handler).toMatchObject({ status: 'error', attributes: { outcome: 'timeout', 'error.type': 'MotiaError' } })
    expect(handler!.attributes['error.message']).toMatch(/^Step "Worker" timed out after 0.02 s/)
  })

  it('makes a cron tick the root of its trace, with the handler span under it', async () => {
    let traceId = ''
    const { services, step, spans } = setup(async (context) => {
      traceId = context.traceId
    }, 'cron')
    await new CronScheduler(services).tick(step)
    const [cron, handler] = spans(traceId)
    expect(cron).toMatchObject({ kind: 'cron', name: 'Worker', status: 'ok', attributes: { step: 'Worker', cron: '* * * * *' } })
    expect(cron!.parentSpanId).toBeUndefined()
    expect(handler).toMatchObject({ kind: 'handler', parentSpanId: cron!.spanId, attributes: { kind: 'cron', outcome: 'ok' } })
  })
})
