import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { MemoryStreamStore } from '../../src/adapters/memory/index.js'
import { InvocationScope } from '../../src/engine/invocation-scope.js'
import { contextStreams, scopedStreams } from '../../src/engine/streams.js'
import { AppStreams } from '../../src/streams/app-streams.js'
import type { StreamDefinition } from '../../src/streams/stream-definition.js'
import type { MotiaStream } from '../../src/types.js'

describe('ctx.streams', () => {
  it('has one entry per declared stream and names the declared ones when a step reaches for another', () => {
    const messages = {} as MotiaStream
    const streams = contextStreams({ messages })
    expect(Object.keys(streams)).toEqual(['messages'])
    expect(streams.messages).toBe(messages)
    expect(() => streams.greetings).toThrow(
      'No stream named "greetings" (declared: "messages"). Declare it in a stream file (*.stream.ts, *_stream.py under steps/ or src/) or fix the name.',
    )
    expect(() => contextStreams({}).greetings).toThrow('No stream named "greetings" (declared: none).')
  })

  it('survives inspection, JSON and promise checks', async () => {
    const streams = contextStreams({})
    expect(JSON.stringify({ streams })).toBe('{"streams":{}}')
    expect(inspect(streams)).toBe('{}')
    expect(await Promise.resolve(streams)).toBe(streams)
  })
})

describe('one invocation\'s ctx.streams', () => {
  it('refuses every call of a stream the handler kept, once the invocation ended', async () => {
    const definition = { name: 'messages', relativePath: 'steps/messages.stream.ts', schema: null, hasCanAccess: false } as StreamDefinition
    const app = new AppStreams([definition], new MemoryStreamStore(), { strict: false, warn: () => {}, onListenerError: () => {} })
    const scope = new InvocationScope('Chat')
    const streams = scopedStreams(contextStreams(app.streams), scope)
    const { messages } = streams
    expect(Object.keys(streams)).toEqual(['messages'])
    await messages!.set('room', 'm1', { text: 'in time' })
    scope.end('it returned')
    const ended = (call: string) =>
      `Step "Chat"'s invocation ended (it returned): context.streams.messages.${call} cannot run after that. Await context calls inside the handler, before it returns, and stop work when context.signal aborts.`
    await expect(messages!.set('room', 'm2', { text: 'late' })).rejects.toMatchObject({ code: 'E_INVOCATION_ENDED', message: ended('set') })
    await expect(messages!.get('room', 'm1')).rejects.toThrow(ended('get'))
    await expect(messages!.delete('room', 'm1')).rejects.toThrow(ended('delete'))
    await expect(messages!.getGroup('room')).rejects.toThrow(ended('getGroup'))
    await expect(messages!.send({ groupId: 'room' }, { type: 't', data: null })).rejects.toThrow(ended('send'))
    expect(await app.getGroup('messages', 'room')).toEqual([{ text: 'in time', id: 'm1' }])
    expect(() => streams.other).toThrow('No stream named "other" (declared: "messages").')
  })
})
