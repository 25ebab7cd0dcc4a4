import { afterAll, describe, expect, it } from 'vitest'
import { RecentEvents } from '../../src/engine/recent-events.js'
import { createMotiaTester } from '../../src/testing/index.js'
import { copyFixture, VENV_PYTHON } from '../helpers/motia-process.js'

const event = (topic: string, data: unknown) => ({ topic, data, traceId: 't' })

describe('RecentEvents: the ring behind GET /__motia/events', () => {
  it('records nothing until the first read, then numbers every event and filters by topic', () => {
    const recent = new RecentEvents(10)
    recent.record(event('a', 0))
    expect(recent.read(undefined, undefined)).toEqual({ events: [], last: 0, dropped: 0 })
    recent.record(event('a', 1))
    recent.record({ ...event('b', 2), messageGroupId: 'g' })
    expect(recent.read('b', 0)).toEqual({ events: [{ seq: 2, topic: 'b', data: 2, traceId: 't', messageGroupId: 'g' }], last: 2, dropped: 0 })
    expect(recent.read(undefined, 1).events.map((e) => e.seq)).toEqual([2])
  })

  it('keeps the newest `limit` events and tells a reader how many it missed', () => {
    const recent = new RecentEvents(3)
    recent.read(undefined, undefined)
    for (let i = 1; i <= 5; i++) recent.record(event('a', i))
    expect(recent.read('a', 0)).toEqual({ events: [3, 4, 5].map((i) => ({ seq: i, topic: 'a', data: i, traceId: 't' })), last: 5, dropped: 2 })
    expect(recent.read('a', 4).dropped).toBe(0)
  })

  it('holds at most `byteLimit` of data (JSON size), always keeping the newest event', () => {
    const recent = new RecentEvents(100, 25)
    recent.read(undefined, undefined)
    for (let i = 1; i <= 3; i++) recent.record(event('a', 'x'.repeat(8))) // 10 bytes of JSON each
    expect(recent.read('a', 0)).toMatchObject({ events: [{ seq: 2 }, { seq: 3 }], dropped: 1 })
    recent.record(event('a', 'y'.repeat(40)))
    expect(recent.read('a', 0)).toMatchObject({ events: [{ seq: 4 }], last: 4, dropped: 3 })
  })

  it('keeps a copy: changing the emitted data afterwards changes nothing', () => {
    const recent = new RecentEvents()
    recent.read(undefined, undefined)
    const data = { n: 1 }
    recent.record(event('a', data))
    data.n = 2
    expect(recent.read('a', 0).events[0]?.data).toEqual({ n: 1 })
  })
})

describe('GET /__motia/events and /__motia/queue on a real app', () => {
  const tester = createMotiaTester({ project: copyFixture('testkit'), env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } })
  afterAll(() => tester.close())
  const admin = async (path: string) => {
    const response = await fetch(`${await tester.url()}/__motia/${path}`)
    return { status: response.status, body: (await response.json()) as any }
  }

  it('lists the events emitted since a position, TS and Python emits alike, and the queue drains to 0 held', async () => {
    const { body: start } = await admin('events')
    expect(start).toEqual({ events: [], last: expect.any(Number), dropped: 0 })
    const { body: job } = await tester.post('/jobs', { body: { name: 'Ada' } })
    await tester.waitEvents()
    expect(await admin('queue')).toEqual({ status: 200, body: { held: 0 } })
    const { body } = await admin(`events?topic=job.done&after=${start.last}`)
    expect(body.events).toEqual([{ seq: expect.any(Number), topic: 'job.done', data: { text: 'done by python for Ada' }, traceId: job.traceId }])
    // job.requested, job.done, job.audited; numbered as they are stored (job.audited, with no subscriber, may come first).
    expect(body.last).toBe(start.last + 3)
  })

  it('refuses an `after` that is not a position', async () => {
    expect(await admin('events?after=-1')).toEqual({
      status: 400,
      body: { error: 'Invalid `after`: "-1". Pass the `last` of a previous answer (an integer >= 0), or leave it out.' },
    })
  })
})
