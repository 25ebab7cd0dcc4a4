import { describe, expect, it } from 'vitest'
import { LogSink } from '../../src/logger/log-sink.js'
import { createLogger } from '../../src/logger/logger.js'
import type { LogOutput } from '../../src/logger/log-output.js'

/** A reader that takes `room` bytes per write while open, and nothing while closed. */
class SlowReader implements LogOutput {
  text = ''
  open = true
  writes = 0
  constructor(private readonly room = Number.POSITIVE_INFINITY) {}
  write(data: Uint8Array): number {
    this.writes++
    if (!this.open) return 0
    const taken = Math.min(data.length, this.room)
    this.text += Buffer.from(data.subarray(0, taken)).toString()
    return taken
  }
  messages(): string[] {
    // Whole lines only: a partial write may have cut the last one.
    return this.text
      .split('\n')
      .slice(0, -1)
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}

// Each JSON line is about 100 characters: a 1,000-character bound keeps the first few.
function sinkWith(output: LogOutput, bufferLimit = 1000) {
  const sink = new LogSink({ level: 'info', pretty: false, output, bufferLimit })
  return { sink, logger: createLogger(sink, { step: 'S', traceId: 't' }) }
}

describe('LogSink', () => {
  it('does not wait for a reader that takes nothing: lines wait in the buffer', async () => {
    const reader = new SlowReader()
    reader.open = false
    const { logger } = sinkWith(reader, 100_000)
    for (let i = 0; i < 50; i++) logger.info(`line ${i}`)
    await until(() => reader.writes >= 3)
    expect(reader.text).toBe('')
    reader.open = true
    await until(() => reader.messages().length === 50)
    expect(reader.messages()).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i}`))
  })

  it('writes a line a partial write cut in two whole, in order', async () => {
    const reader = new SlowReader(50)
    const { logger } = sinkWith(reader, 100_000)
    for (let i = 0; i < 20; i++) logger.info(`line ${i}`)
    await until(() => reader.messages().length === 20)
    expect(reader.messages()).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`))
  })

  it('drops lines past the bound until the reader caught up, then says how many it dropped, once', async () => {
    const reader = new SlowReader()
    reader.open = false
    const { logger } = sinkWith(reader)
    for (let i = 0; i < 100; i++) logger.info(`line ${i}`)
    await until(() => reader.writes >= 2)
    reader.open = true
    await until(() => reader.messages().some((msg) => msg.includes('dropped')))
    const messages = reader.messages()
    const kept = messages.length - 1
    expect(kept).toBeGreaterThan(0)
    expect(messages).toEqual([...Array.from({ length: kept }, (_, i) => `line ${i}`), `${100 - kept} log lines dropped: the output was not read fast enough`])
    expect(reader.text.split('\n').at(-2)).toContain('"level":"warn","step":"motia"')

    logger.info('after')
    await until(() => reader.messages().at(-1) === 'after')
  })

  it('drops nothing from a burst bigger than the bound when the reader keeps up', async () => {
    const reader = new SlowReader()
    const { logger } = sinkWith(reader)
    for (let i = 0; i < 100; i++) logger.info(`line ${i}`)
    await until(() => reader.messages().length === 100)
    expect(reader.messages()).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i}`))
  })

  it('says "1 log line" for a single dropped line', async () => {
    const reader = new SlowReader()
    const { logger, sink } = sinkWith(reader, 10)
    logger.info('too long for the bound')
    sink.flush()
    expect(reader.messages()).toEqual(['1 log line dropped: the output was not read fast enough'])
  })

  it('flushes synchronously at exit, and gives up on a reader that never reads instead of hanging', () => {
    const reader = new SlowReader()
    const { logger, sink } = sinkWith(reader, 100_000)
    logger.info('written at once')
    expect(sink.flush()).toBe(true)
    expect(reader.messages()).toEqual(['written at once'])

    reader.open = false
    logger.info('never read')
    expect(sink.flush(30)).toBe(false)
    expect(reader.messages()).toEqual(['written at once'])
  })

  it('stops writing, without throwing, once the output is gone', async () => {
    let calls = 0
    const gone: LogOutput = {
      write() {
        calls++
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
      },
    }
    const { logger, sink } = sinkWith(gone)
    logger.info('lost')
    expect(() => sink.flush()).not.toThrow()
    logger.info('not tried')
    expect(sink.flush()).toBe(true)
    expect(calls).toBe(1)
  })
})
