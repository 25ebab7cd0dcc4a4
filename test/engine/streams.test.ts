import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { noStreams } from '../../src/engine/streams.js'

describe('ctx.streams without stream files', () => {
  it('has no entries and names the reason when a step reaches for a stream', () => {
    const streams = noStreams()
    expect(Object.keys(streams)).toEqual([])
    expect(() => streams.greetings).toThrow(
      'No stream named "greetings": stream files (*.stream.ts, *_stream.py) are not supported by this version of motia, so ctx.streams has no entries. Keep the data in ctx.state instead.',
    )
  })

  it('survives inspection, JSON and promise checks', async () => {
    const streams = noStreams()
    expect(JSON.stringify({ streams })).toBe('{"streams":{}}')
    expect(inspect(streams)).toBe('{}')
    expect(await Promise.resolve(streams)).toBe(streams)
  })
})
