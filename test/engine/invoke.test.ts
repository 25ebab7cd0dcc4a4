// invokeStep with a real context over a real memory state store; the language is a collaborator that
// calls the handler given here.
import { describe, expect, it } from 'vitest'
import { MemoryStateStore } from '../../src/adapters/memory/index.js'
import { stateManager, type ContextServices } from '../../src/engine/context.js'
import type { Deadline } from '../../src/engine/deadline.js'
import { invokeStep } from '../../src/engine/invoke.js'
import { handlerTimeout, MotiaError } from '../../src/errors.js'
import type { Invocation, Language } from '../../src/languages/language.js'
import type { LogSink } from '../../src/logger/log-sink.js'
import type { Step } from '../../src/project/step.js'
import type { EmitEvent, FlowContext } from '../../src/types.js'

type Handler = (context: FlowContext, signal: AbortSignal) => Promise<unknown>

function setup(handler: Handler) {
  const store = new MemoryStateStore()
  const emitted: EmitEvent[] = []
  const stop = new AbortController()
  const services: ContextServices = {
    sink: undefined as unknown as LogSink, // no test here logs
    state: stateManager(store),
    emit: async (_from, event) => void emitted.push(event),
    streams: {},
    stop: stop.signal,
  }
  const language = { invoke: (invocation: Invocation) => handler(invocation.context, invocation.signal) } as unknown as Language
  const step = { name: 'Slow', config: { type: 'event', name: 'Slow' }, runtime: language } as unknown as Step
  // A deadline in milliseconds: the tests wait for it, they never time it.
  const deadline: Deadline = { seconds: 0.02, expired: () => handlerTimeout('Slow', 0.02) }
  const run = () => invokeStep(step, 'event', {}, 'trace-1', deadline, services)
  return { store, emitted, stop, run }
}

const ended = (how: string, call: string) =>
  `Step "Slow"'s invocation ended (${how}): ${call} cannot run after that. Await context calls inside the handler, before it returns, and stop work when context.signal aborts.`

describe('invokeStep', () => {
  it('rejects at the deadline, aborts the signal, and refuses every later emit and state call', async () => {
    let seen: AbortSignal | undefined
    const { store, emitted, run } = setup((_context, signal) => {
      seen = signal
      return new Promise(() => undefined)
    })
    const { context, result } = run()
    await expect(result).rejects.toMatchObject({ code: 'E_HANDLER_TIMEOUT' })
    expect(seen?.aborted).toBe(true)
    expect(context.signal.reason).toMatchObject({ code: 'E_HANDLER_TIMEOUT' })
    const how = 'timed out after 0.02 s'
    await expect(context.emit({ topic: 't', data: 1 })).rejects.toThrow(ended(how, 'context.emit'))
    await expect(context.state.set('g', 'k', 1)).rejects.toMatchObject({ code: 'E_INVOCATION_ENDED', retryable: false, message: ended(how, 'context.state.set') })
    for (const call of [() => context.state.get('g', 'k'), () => context.state.delete('g', 'k'), () => context.state.getGroup('g'), () => context.state.clear('g')]) {
      await expect(call()).rejects.toMatchObject({ code: 'E_INVOCATION_ENDED' })
    }
    expect(() => context.streams).toThrow(ended(how, 'context.streams'))
    expect(emitted).toEqual([])
    expect(await store.getGroup('g')).toEqual([])
  })

  it('refuses context calls once the handler returned, and leaves the signal alone', async () => {
    const { emitted, run } = setup(async (context) => {
      await context.emit({ topic: 't', data: 'in time' })
      return 'done'
    })
    const { context, result } = run()
    expect(await result).toBe('done')
    await expect(context.emit({ topic: 't', data: 'late' })).rejects.toThrow(ended('it returned', 'context.emit'))
    expect(emitted).toEqual([{ topic: 't', data: 'in time' }])
    expect(context.signal.aborted).toBe(false)
  })

  it('ends the invocation when the app stops', async () => {
    const { stop, run } = setup(() => new Promise(() => undefined))
    const { context, result } = run()
    stop.abort(new Error('stopping'))
    const error = (await result.catch((e: unknown) => e)) as MotiaError
    expect(error).toBeInstanceOf(MotiaError)
    expect(error.code).toBe('E_SHUTTING_DOWN')
    expect(context.signal.aborted).toBe(true)
    await expect(context.state.get('g', 'k')).rejects.toThrow(ended('the app stopped', 'context.state.get'))
  })
})
