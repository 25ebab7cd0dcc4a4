// The live logs' ring: the last N records with a seq, filtered by step, trace and minimum level.
import { describe, expect, it } from 'vitest'
import { LogRing } from '../../src/workbench/log-ring.js'

const parse = (logs: string[]) => logs.map((line) => JSON.parse(line) as Record<string, unknown>)

describe('LogRing', () => {
  it('numbers records, keeps the last `size`, and reads after a seq', () => {
    const ring = new LogRing(3)
    for (let n = 1; n <= 5; n++) ring.record({ time: 0, level: 'info', msg: `line ${n}` })
    expect(ring.firstSeq).toBe(3)
    const { logs, last } = ring.read({})
    expect(last).toBe(5)
    expect(parse(logs).map((line) => [line.seq, line.msg])).toEqual([
      [3, 'line 3'],
      [4, 'line 4'],
      [5, 'line 5'],
    ])
    expect(parse(ring.read({ after: 4 }).logs).map((line) => line.msg)).toEqual(['line 5'])
    expect(ring.read({ after: 5 }).logs).toEqual([])
  })

  it('reads everything held for a seq it never handed out (the client saw an earlier process)', () => {
    const ring = new LogRing()
    ring.record({ time: 0, level: 'info', msg: 'first of a new process' })
    expect(parse(ring.read({ after: 480 }).logs).map((line) => line.msg)).toEqual(['first of a new process'])
  })

  it('filters by step, traceId and minimum level, and serializes fields safely', () => {
    const ring = new LogRing()
    const cyclic: Record<string, unknown> = { n: 1n }
    cyclic.self = cyclic
    ring.record({ time: 0, level: 'debug', step: 'A', traceId: 't1', msg: 'a debug' })
    ring.record({ time: 0, level: 'warn', step: 'A', traceId: 't2', msg: 'a warn', fields: { cyclic } })
    ring.record({ time: 0, level: 'error', step: 'B', traceId: 't1', msg: 'b error' })
    expect(parse(ring.read({ step: 'A' }).logs).map((line) => line.msg)).toEqual(['a debug', 'a warn'])
    expect(parse(ring.read({ traceId: 't1' }).logs).map((line) => line.msg)).toEqual(['a debug', 'b error'])
    expect(parse(ring.read({ level: 'warn' }).logs).map((line) => line.msg)).toEqual(['a warn', 'b error'])
    expect(parse(ring.read({ level: 'warn', step: 'A' }).logs)).toEqual([
      { seq: 2, time: '1970-01-01T00:00:00.000Z', level: 'warn', step: 'A', traceId: 't2', msg: 'a warn', cyclic: { n: '1', self: '[Circular]' } },
    ])
  })
})
