import { describe, expect, it } from 'vitest'
import { MemoryStreamStore } from '../../src/adapters/memory/index.js'
import type { Language } from '../../src/languages/language.js'
import { AppStreams } from '../../src/streams/app-streams.js'
import type { StreamChange } from '../../src/streams/stream-hub.js'
import type { StreamDefinition } from '../../src/streams/stream-definition.js'

const definition = (name: string, schema: StreamDefinition['schema'] = null, runtime = {} as Language): StreamDefinition => ({
  name,
  filePath: `/app/steps/${name}.stream.ts`,
  relativePath: `steps/${name}.stream.ts`,
  language: 'typescript',
  schema,
  hasCanAccess: false,
  runtime,
})

const messageSchema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }

function setUp(strict = false) {
  const warnings: string[] = []
  const streams = new AppStreams([definition('messages', messageSchema), definition('other')], new MemoryStreamStore(), {
    strict,
    warn: (message) => warnings.push(message),
    onListenerError: (error) => warnings.push(`listener: ${(error as Error).message}`),
  })
  const changes: StreamChange[] = []
  streams.onChange((change) => changes.push(change))
  return { streams, messages: streams.streams.messages!, changes, warnings }
}

describe('AppStreams', () => {
  it('gives steps items with id and v0.x\'s __motia marker, and stores them without it', async () => {
    const { streams, messages } = setUp()
    const item = await messages.set('room', 'm1', { text: 'hi' })
    const marker = { type: 'state-stream', streamName: 'messages', groupId: 'room', id: 'm1' }
    expect(item).toEqual({ text: 'hi', id: 'm1', __motia: marker })
    // A read item written back keeps none of the marker.
    await messages.set('room', 'm1', { ...(await messages.get('room', 'm1'))!, text: 'edited' })
    expect(await streams.getItem('messages', 'room', 'm1')).toEqual({ text: 'edited', id: 'm1' })
    expect(await messages.getGroup('room')).toEqual([{ text: 'edited', id: 'm1', __motia: marker }])
    expect(await streams.getGroup('messages', 'room')).toEqual([{ text: 'edited', id: 'm1' }])
  })

  it('feeds listeners create, update, delete and event, in order, after each write; a missing delete feeds nothing', async () => {
    const { messages, changes, warnings } = setUp()
    await messages.set('room', 'm1', { text: 'a' })
    await messages.set('room', 'm1', { text: 'b' })
    expect(await messages.delete('room', 'missing')).toBeNull()
    expect(await messages.delete('room', 'm1')).toMatchObject({ text: 'b', id: 'm1' })
    await messages.send({ groupId: 'room' }, { type: 'typing', data: { who: 'ada' } })
    await messages.send({ groupId: 'room', id: 'm2' }, { type: 'seen', data: null })
    expect(changes).toEqual([
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'create', data: { text: 'a', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'update', data: { text: 'b', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', id: 'm1', event: { type: 'delete', data: { text: 'b', id: 'm1' } } },
      { streamName: 'messages', groupId: 'room', event: { type: 'event', event: { type: 'typing', data: { who: 'ada' } } } },
      { streamName: 'messages', groupId: 'room', id: 'm2', event: { type: 'event', event: { type: 'seen', data: null } } },
    ])
    expect(warnings).toEqual([])
  })

  it('keeps writing when a listener throws, and logs it', async () => {
    const { streams, messages, warnings } = setUp()
    streams.onChange(() => {
      throw new Error('socket gone')
    })
    await messages.set('room', 'm1', { text: 'a' })
    expect(await messages.get('room', 'm1')).toMatchObject({ text: 'a' })
    expect(warnings).toEqual(['listener: socket gone'])
  })

  it('logs a value outside the schema once per stream and field, and stores it', async () => {
    const { messages, warnings } = setUp()
    await messages.set('room', 'm1', { text: 1 })
    await messages.set('room', 'm2', { text: 2 })
    await messages.set('room', 'm3', {})
    expect(await messages.get('room', 'm2')).toMatchObject({ text: 2 })
    const tail =
      'stored anyway. Stream schemas are advisory: fix the data or the schema in steps/messages.stream.ts, or run with --strict to refuse such writes. Said once per stream and field.'
    expect(warnings).toEqual([
      `Stream "messages": item "m1" of group "room" does not match the stream's schema (/text must be string); ${tail}`,
      `Stream "messages": item "m3" of group "room" does not match the stream's schema (the item must have required property 'text'); ${tail}`,
    ])
  })

  it('refuses a value outside the schema with --strict, storing nothing', async () => {
    const { messages, changes } = setUp(true)
    await expect(messages.set('room', 'm1', { text: 1 })).rejects.toMatchObject({
      code: 'E_STREAM_VALIDATION',
      message:
        'Stream "messages": item "m1" of group "room" does not match the stream\'s schema (/text must be string): nothing was stored. Fix the data or the schema in steps/messages.stream.ts.',
    })
    expect(await messages.get('room', 'm1')).toBeNull()
    expect(changes).toEqual([])
  })

  it('refuses data that is not an object, and ids that are not strings', async () => {
    const { messages } = setUp()
    await expect(messages.set('room', 'm1', 'text' as never)).rejects.toThrow(
      'streams.messages.set("room", "m1", data) needs data to be an object (the item\'s fields; the item gets `id` added), got `"text"` (string). Wrap the value, e.g. { value }.',
    )
    await expect(messages.get('room', 7 as never)).rejects.toThrow('Expected the `id` of streams.messages.get to be a string, got `7` (number).')
    await expect(messages.send({} as never, { type: 'x', data: 1 })).rejects.toThrow(
      'Expected the `channel` of streams.messages.send to be { groupId: string, id?: string }, got `{}` (object).',
    )
  })

  it('refuses a subscription whose canAccess never answers, naming the stream', async () => {
    const hung = { canAccess: () => new Promise<boolean>(() => undefined) } as unknown as Language
    const gated = { ...definition('gated', null, hung), hasCanAccess: true }
    const streams = new AppStreams([gated], new MemoryStreamStore(), { strict: false, warn: () => {}, onListenerError: () => {}, canAccessTimeoutMs: 20 })
    await expect(streams.canAccess('gated', { groupId: 'g' }, null)).rejects.toMatchObject({
      code: 'E_HANDLER_TIMEOUT',
      message: 'canAccess of stream "gated" (steps/gated.stream.ts) did not answer within 0.02 s: the subscription is refused. Make it answer faster (or fail).',
    })
  })

  it('answers the hub: has, and the unknown-stream error naming the declared ones', async () => {
    const { streams } = setUp()
    expect(streams.has('messages')).toBe(true)
    expect(streams.has('nope')).toBe(false)
    expect(await streams.canAccess('other', { groupId: 'g' }, null)).toBe(true)
    await expect(streams.getGroup('nope', 'g')).rejects.toThrow('No stream named "nope" (declared: "messages", "other").')
  })
})
