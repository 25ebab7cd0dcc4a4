import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { contextStreams } from '../../src/engine/streams.js'
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
