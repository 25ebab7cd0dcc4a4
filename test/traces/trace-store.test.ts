import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryTraceStore } from '../../src/traces/memory-trace-store.js'
import type { Span } from '../../src/traces/span.js'
import { SqliteTraceStore } from '../../src/traces/sqlite-trace-store.js'
import type { TraceBounds, TraceStore } from '../../src/traces/trace-store.js'

const HOUR = 3600_000

function span(traceId: string, spanId: string, start: number, extra: Partial<Span> = {}): Span {
  return { traceId, spanId, kind: 'handler', name: 'Step', start, end: start + 5, status: 'ok', attributes: { step: 'Step', language: 'typescript' }, ...extra }
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'motia-traces-'))
  dirs.push(dir)
  return dir
}

const implementations: { name: string; create: (bounds: Partial<TraceBounds>, now: () => number) => TraceStore }[] = [
  { name: 'memory', create: (bounds, now) => new MemoryTraceStore(bounds, now) },
  { name: 'sqlite', create: (bounds, now) => new SqliteTraceStore(tempDir(), bounds, now) },
]

describe.each(implementations)('$name trace store', ({ create }) => {
  it('summarises a trace from spans that arrive in several batches, the root naming it', () => {
    const store = create({}, () => 10_000)
    store.add([span('t1', 'b', 1005, { attributes: { step: 'Shout', language: 'python' }, parentSpanId: 'a' })])
    store.add([
      span('t1', 'a', 1000, { kind: 'http', name: 'POST /chain', attributes: { status: 202 } }),
      span('t1', 'c', 1002, { parentSpanId: 'a', attributes: { step: 'Start', language: 'typescript' } }),
      span('t1', 'd', 1010, { parentSpanId: 'b', status: 'error', attributes: { step: 'Finish', language: 'typescript' } }),
    ])
    expect(store.list({})).toEqual([
      { traceId: 't1', name: 'POST /chain', start: 1000, end: 1015, status: 'error', spanCount: 4, steps: ['Start', 'Shout', 'Finish'], languages: ['typescript', 'python'] },
    ])
    expect(store.get('t1')?.spans.map((s) => s.spanId)).toEqual(['a', 'c', 'b', 'd'])
    expect(store.get('nope')).toBeUndefined()
    store.close()
  })

  it('lists newest first, a page before a start time, by step and by status', () => {
    const store = create({}, () => 10_000)
    store.add([span('old', 'a', 1000), span('mid', 'b', 2000, { status: 'error' }), span('new', 'c', 3000, { attributes: { step: 'Other', language: 'python' } })])
    const ids = (query: Parameters<TraceStore['list']>[0]) => store.list(query).map((trace) => trace.traceId)
    expect(ids({})).toEqual(['new', 'mid', 'old'])
    expect(ids({ limit: 2 })).toEqual(['new', 'mid'])
    expect(ids({ before: 3000 })).toEqual(['mid', 'old'])
    expect(ids({ step: 'Other' })).toEqual(['new'])
    expect(ids({ status: 'error' })).toEqual(['mid'])
    expect(ids({ status: 'ok', step: 'Step' })).toEqual(['old'])
    store.close()
  })

  it('drops the oldest traces past the count bound', () => {
    const store = create({ maxTraces: 3 }, () => 10_000)
    for (let i = 1; i <= 5; i++) store.add([span(`t${i}`, 'a', 1000 + i)])
    expect(store.list({}).map((trace) => trace.traceId)).toEqual(['t5', 't4', 't3'])
    expect(store.get('t1')).toBeUndefined()
    store.close()
  })

  it('drops traces older than the age bound', () => {
    let now = 100 * HOUR
    const store = create({ maxAgeMs: 24 * HOUR }, () => now)
    store.add([span('yesterday', 'a', now - 25 * HOUR), span('today', 'b', now - HOUR)])
    expect(store.list({}).map((trace) => trace.traceId)).toEqual(['today'])
    now += 24 * HOUR
    store.add([span('later', 'c', now)])
    expect(store.list({}).map((trace) => trace.traceId)).toEqual(['later'])
    expect(store.get('today')).toBeUndefined()
    store.close()
  })

  it('keeps at most maxSpansPerTrace spans of a trace and counts the rest as dropped', () => {
    const store = create({ maxSpansPerTrace: 3 }, () => 10_000)
    store.add([span('t', 'a', 1000), span('t', 'b', 1001)])
    store.add([span('t', 'c', 1002), span('t', 'd', 1003), span('t', 'e', 1004)])
    expect(store.get('t')).toMatchObject({ droppedSpans: 2 })
    expect(store.get('t')?.spans).toHaveLength(3)
    expect(store.list({})[0]?.spanCount).toBe(3)
    store.close()
  })
})

describe('sqlite trace store', () => {
  it('keeps its traces across a restart, and goes on adding to them', () => {
    const dir = tempDir()
    const first = new SqliteTraceStore(dir)
    first.add([span('t', 'a', Date.now(), { kind: 'http', name: 'GET /x' })])
    first.close()
    const second = new SqliteTraceStore(dir)
    second.add([span('t', 'b', Date.now() + 1, { parentSpanId: 'a' })])
    expect(second.list({})).toMatchObject([{ traceId: 't', name: 'GET /x', spanCount: 2 }])
    expect(second.get('t')?.spans.map((s) => s.spanId)).toEqual(['a', 'b'])
    second.close()
  })
})

describe('sqlite trace store on a damaged file', () => {
  it('says which file to delete', async () => {
    const dir = tempDir()
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, 'traces.sqlite'), 'not a database, just text that is long enough to be read as a header by sqlite'.repeat(20))
    expect(() => new SqliteTraceStore(dir)).toThrow(
      `${join(dir, 'traces.sqlite')} is damaged (SQLITE_NOTADB): delete it (only recorded traces are lost), or set MOTIA_TRACING=off, then start again.`,
    )
  })
})
