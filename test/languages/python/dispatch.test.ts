import { describe, expect, it } from 'vitest'
import type { MotiaError } from '../../../src/errors.js'
import { createDispatcher } from '../../../src/languages/python/dispatch.js'
import { makeContext, makeStream } from './helpers.js'
import type { LogLine } from './helpers.js'

function setup() {
  const made = makeContext('Dispatching', ['done'])
  made.context.streams = { messages: makeStream() }
  const runnerLines: LogLine[] = []
  const dispatcher = createDispatcher(
    (id) => (id === 1 ? made.context : undefined),
    (level, message, fields) => runnerLines.push({ level, message, fields }),
  )
  return { ...made, runnerLines, dispatcher }
}

describe('createDispatcher', () => {
  it('routes emit to the invocation\'s context', async () => {
    const { dispatcher, events } = setup()
    await dispatcher.call('emit', { invocation: 1, event: { topic: 'done', data: { ok: true }, messageGroupId: 'g' } })
    expect(events).toEqual([{ topic: 'done', data: { ok: true }, messageGroupId: 'g' }])
  })

  it('routes every state method', async () => {
    const { dispatcher } = setup()
    expect(await dispatcher.call('state.set', { invocation: 1, groupId: 'g', key: 'a', value: 1 })).toBe(1)
    await dispatcher.call('state.set', { invocation: 1, groupId: 'g', key: 'b', value: 0 })
    expect(await dispatcher.call('state.get', { invocation: 1, groupId: 'g', key: 'b' })).toBe(0)
    expect(await dispatcher.call('state.getGroup', { invocation: 1, groupId: 'g' })).toEqual([1, 0])
    expect(await dispatcher.call('state.delete', { invocation: 1, groupId: 'g', key: 'a' })).toBe(1)
    expect(await dispatcher.call('state.get', { invocation: 1, groupId: 'g', key: 'a' })).toBeNull()
    await dispatcher.call('state.clear', { invocation: 1, groupId: 'g' })
    expect(await dispatcher.call('state.getGroup', { invocation: 1, groupId: 'g' })).toEqual([])
  })

  it('routes every stream method to the named stream', async () => {
    const { dispatcher } = setup()
    expect(await dispatcher.call('stream.set', { invocation: 1, stream: 'messages', groupId: 'r', id: 'm', data: { t: 1 } })).toEqual({ t: 1, id: 'm' })
    expect(await dispatcher.call('stream.get', { invocation: 1, stream: 'messages', groupId: 'r', id: 'm' })).toEqual({ t: 1, id: 'm' })
    expect(await dispatcher.call('stream.getGroup', { invocation: 1, stream: 'messages', groupId: 'r' })).toEqual([{ t: 1, id: 'm' }])
    await dispatcher.call('stream.send', { invocation: 1, stream: 'messages', channel: { groupId: 'r' }, event: { type: 'x', data: 1 } })
    expect(await dispatcher.call('stream.delete', { invocation: 1, stream: 'messages', groupId: 'r', id: 'm' })).toEqual({ t: 1, id: 'm' })
  })

  it('names the declared streams when a stream is unknown', () => {
    const { dispatcher } = setup()
    expect(() => dispatcher.call('stream.get', { invocation: 1, stream: 'nope', groupId: 'r', id: 'm' })).toThrow(
      'No stream named "nope" (declared: "messages"). Declare it in a stream file or fix the name.',
    )
  })

  it('refuses calls for an invocation that is not running', () => {
    const { dispatcher } = setup()
    const error = (() => {
      try {
        dispatcher.call('state.get', { invocation: 9, groupId: 'g', key: 'k' })
      } catch (e) {
        return e as MotiaError
      }
    })()
    expect(error?.code).toBe('E_INVOCATION_ENDED')
    expect(error?.retryable).toBe(false)
    expect(error?.message).toBe(
      '"state.get" names invocation 9, which has ended (it returned, failed, timed out or was cancelled): context.state.get cannot run after that. Make context calls inside the handler, before it returns or times out.',
    )
  })

  it('refuses an unknown method', () => {
    const { dispatcher } = setup()
    expect(() => dispatcher.call('state.explode', { invocation: 1 })).toThrow(
      'Unknown method "state.explode" (PROTOCOL.md §4 lists the methods the runner may call): the runner and the core are from different versions.',
    )
  })

  it('sends log lines to the invocation\'s logger, or to the runner log without one', () => {
    const { dispatcher, logs, runnerLines } = setup()
    dispatcher.notify('log', { invocation: 1, level: 'warn', message: 'careful', fields: { n: 1 } })
    dispatcher.notify('log', { invocation: null, level: 'debug', message: 'starting', fields: null })
    dispatcher.notify('log', { invocation: 1, level: 'loud', message: 'odd level', fields: null })
    expect(logs).toEqual([
      { level: 'warn', message: 'careful', fields: { n: 1 } },
      { level: 'info', message: 'odd level', fields: undefined },
    ])
    expect(runnerLines).toEqual([{ level: 'debug', message: 'starting', fields: undefined }])
  })

  it('ignores unknown notifications with a warning', () => {
    const { dispatcher, runnerLines } = setup()
    dispatcher.notify('progress', {})
    expect(runnerLines).toEqual([{ level: 'warn', message: 'Unknown notification "progress" from the Python runner; ignored.', fields: undefined }])
  })
})
