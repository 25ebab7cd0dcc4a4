// Live logs as Server-Sent Events: backlog after a seq, then new records; a client that does not read is dropped.
import { describe, expect, it } from 'vitest'
import { LogRing } from '../../src/workbench/log-ring.js'
import { LogStreams } from '../../src/workbench/log-stream.js'

describe('LogStreams', () => {
  it('sends the backlog after `after`, then the new matching records, as SSE events', async () => {
    const ring = new LogRing()
    ring.record({ time: 0, level: 'info', step: 'A', msg: 'one' })
    ring.record({ time: 0, level: 'info', step: 'A', msg: 'two' })
    const streams = new LogStreams(ring)
    const stream = streams.stream({ after: 1, step: 'A' })
    ring.record({ time: 0, level: 'info', step: 'B', msg: 'other step' })
    ring.record({ time: 0, level: 'info', step: 'A', msg: 'three' })
    streams.close()
    const text = (await stream.toArray()).join('')
    expect(text).toBe(
      'retry: 1000\n\n' +
        'id: 2\ndata: {"seq":2,"time":"1970-01-01T00:00:00.000Z","level":"info","step":"A","traceId":null,"msg":"two"}\n\n' +
        'id: 4\ndata: {"seq":4,"time":"1970-01-01T00:00:00.000Z","level":"info","step":"A","traceId":null,"msg":"three"}\n\n',
    )
  })

  it('resumes a client from an earlier process (its Last-Event-ID beyond the newest seq) from the oldest record', async () => {
    const ring = new LogRing()
    ring.record({ time: 0, level: 'info', msg: 'one' })
    const streams = new LogStreams(ring)
    const stream = streams.stream({ after: 99 })
    streams.close()
    expect((await stream.toArray()).join('')).toContain('id: 1\ndata: {"seq":1,')
  })

  it('drops a client that stops reading once its buffer passes the limit, and stops feeding it', () => {
    const ring = new LogRing()
    const dropped: string[] = []
    const stream = new LogStreams(ring, { bufferLimit: 1000, onDrop: (message) => dropped.push(message) }).stream({})
    for (let n = 0; n < 50; n++) ring.record({ time: 0, level: 'info', msg: `line ${n} ${'x'.repeat(40)}` })
    expect(stream.destroyed).toBe(true)
    expect(dropped).toEqual(['A live-log client read too slowly (over 1000 bytes waiting): it was disconnected and will reconnect'])
    // Its ring listener is gone: later records reach nobody.
    ring.record({ time: 0, level: 'info', msg: 'after' })
    expect(dropped).toHaveLength(1)
  })
})
