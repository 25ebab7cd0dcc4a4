import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Span, TraceDetail, TraceSummary } from '../../src/traces/span.js'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

// One trace across TS -> Python -> TS: http -> handler -> emit -> queue -> handler(python) -> emit -> queue -> handler(ts).
describe('a trace across languages, under motia dev', () => {
  let app: MotiaProcess
  let root: string

  beforeAll(async () => {
    root = copyFixture('traces-chain')
    app = await startMotia(root, { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '1' } })
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
  })

  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.url}${path}`)
    return { status: response.status, body: (await response.json()) as T }
  }
  const startChain = async (word: string) => {
    const response = await fetch(`${app.url}/chain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ word }) })
    expect(response.status).toBe(202)
    const { traceId } = (await response.json()) as { traceId: string }
    expect(response.headers.get('x-trace-id')).toBe(traceId)
    return traceId
  }
  // The trace once the Finish retry succeeded and its spans were written.
  const finishedTrace = (traceId: string) =>
    eventually(async () => {
      const { status, body } = await getJson<TraceDetail>(`/__motia/traces/${traceId}`)
      if (status !== 200) return undefined
      const ok = body.spans.find((span) => span.kind === 'handler' && span.attributes.step === 'Finish' && span.attributes.outcome === 'ok')
      return ok ? body : undefined
    }, 30_000)

  it('links every span of the request to its parent, with the Python runner pid and the failed attempt', async () => {
    const traceId = await startChain('ahoy')
    const { spans } = await finishedTrace(traceId)
    const byId = new Map(spans.map((span) => [span.spanId, span]))
    const parentOf = (span: Span) => byId.get(span.parentSpanId!)
    const only = (match: (span: Span) => boolean) => {
      const found = spans.filter(match)
      expect(found, JSON.stringify(spans, null, 1)).toHaveLength(1)
      return found[0]!
    }

    const http = only((span) => span.kind === 'http')
    expect(http).toMatchObject({ name: 'POST /chain', status: 'ok', attributes: { method: 'POST', route: '/chain', status: 202, step: 'StartChain' } })
    expect(http.parentSpanId).toBeUndefined()
    const start = only((span) => span.kind === 'handler' && span.attributes.step === 'StartChain')
    expect(parentOf(start)).toBe(http)
    expect(start.attributes).toMatchObject({ language: 'typescript', kind: 'api', attempt: 1, outcome: 'ok' })
    expect(start.events?.map((event) => event.attributes.message)).toContain('chain started')

    const toPython = only((span) => span.kind === 'emit' && span.attributes.topic === 'chain.python')
    expect(parentOf(toPython)).toBe(start)
    expect(toPython.attributes).toMatchObject({ subscribers: ['Shout'], from: 'StartChain' })
    const pythonWait = only((span) => span.kind === 'queue' && span.attributes.step === 'Shout')
    expect(parentOf(pythonWait)).toBe(toPython)
    const shout = only((span) => span.kind === 'handler' && span.attributes.step === 'Shout')
    expect(parentOf(shout)).toBe(pythonWait)
    expect(shout.attributes).toMatchObject({ language: 'python', kind: 'event', attempt: 1, outcome: 'ok' })
    expect(shout.attributes.pid).toEqual(expect.any(Number))
    expect(shout.events?.find((event) => event.attributes.message === 'shouting')?.attributes).toMatchObject({ level: 'info', word: 'ahoy' })

    // State calls of both languages, as children of their handler span.
    const startState = only((span) => span.kind === 'state' && parentOf(span) === start)
    expect(startState).toMatchObject({ name: 'state.set chains', attributes: { op: 'set', group: 'chains', key: traceId } })
    const shoutState = only((span) => span.kind === 'state' && parentOf(span) === shout)
    expect(shoutState).toMatchObject({ name: 'state.set shouted', attributes: { op: 'set', group: 'shouted', key: traceId } })

    const toTs = only((span) => span.kind === 'emit' && span.attributes.topic === 'chain.ts')
    expect(parentOf(toTs)).toBe(shout)
    const finishWaits = spans.filter((span) => span.kind === 'queue' && span.attributes.step === 'Finish')
    expect(finishWaits.map((span) => span.attributes.attempt)).toEqual([1, 2])
    for (const wait of finishWaits) expect(parentOf(wait)).toBe(toTs)
    const finishes = spans.filter((span) => span.kind === 'handler' && span.attributes.step === 'Finish')
    expect(finishes.map((span) => [span.attributes.attempt, span.attributes.outcome, span.status])).toEqual([
      [1, 'error', 'error'],
      [2, 'ok', 'ok'],
    ])
    expect(finishes[0]!.attributes).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'first try fails', language: 'typescript' })
    // The retry's wait starts when the first attempt failed.
    expect(finishWaits[1]!.start).toBeGreaterThanOrEqual(finishes[0]!.end - 1)
    for (const [index, wait] of finishWaits.entries()) expect(parentOf(finishes[index]!)).toBe(wait)
  }, 60_000)

  it('lists traces newest first, filtered by step and status', async () => {
    const traceId = await startChain('second')
    await finishedTrace(traceId)
    const { body } = await getJson<{ traces: TraceSummary[]; tracing: string }>('/__motia/traces?step=Shout')
    expect(body.tracing).toBe('on')
    expect(body.traces[0]).toMatchObject({ traceId, name: 'POST /chain', status: 'error', steps: ['StartChain', 'Shout', 'Finish'], languages: ['typescript', 'python'] })
    expect(body.traces.length).toBeGreaterThanOrEqual(2)
    expect(body.traces[0]!.start).toBeGreaterThan(body.traces[1]!.start)
    expect((await getJson<{ traces: TraceSummary[] }>('/__motia/traces?step=Nobody')).body.traces).toEqual([])
    expect((await getJson<{ traces: TraceSummary[] }>('/__motia/traces?status=ok')).body.traces.map((trace) => trace.traceId)).not.toContain(traceId)
    expect((await getJson<{ traces: TraceSummary[] }>('/__motia/traces?limit=1')).body.traces).toHaveLength(1)
    expect(await getJson('/__motia/traces?limit=0')).toEqual({ status: 400, body: { error: 'Invalid `limit`: "0". Pass an integer from 1 to 500.' } })
    const missing = await getJson<{ error: string }>('/__motia/traces/no-such-trace')
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatch(/^No trace no-such-trace: it was never recorded, or it was dropped/)
  }, 60_000)

  it('keeps the traces in .motia/traces.sqlite across a restart', async () => {
    const traceId = await startChain('kept')
    const before = await finishedTrace(traceId)
    await app.stop()
    app = await startMotia(root, { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '1' } })
    const after = await getJson<TraceDetail>(`/__motia/traces/${traceId}`)
    expect(after.status).toBe(200)
    expect(after.body.spans.map((span) => span.spanId).sort()).toEqual(before.spans.map((span) => span.spanId).sort())
  }, 90_000)
})

describe('tracing settings', () => {
  it('MOTIA_TRACING=off records nothing, and the endpoints say so', async () => {
    const app = await startMotia(copyFixture('traces-chain'), { command: 'dev', env: { MOTIA_TRACING: 'off', MOTIA_PYTHON_WORKERS: '1' } })
    try {
      const response = await fetch(`${app.url}/chain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ word: 'x' }) })
      const { traceId } = (await response.json()) as { traceId: string }
      await app.waitForLine((line) => line.msg === 'finished' && line.traceId === traceId, 30_000)
      const message = 'Tracing is off (MOTIA_TRACING=off): unset MOTIA_TRACING and restart to record traces.'
      expect(await (await fetch(`${app.url}/__motia/traces`)).json()).toEqual({ traces: [], tracing: 'off', message })
      const detail = await fetch(`${app.url}/__motia/traces/${traceId}`)
      expect(detail.status).toBe(404)
      expect(await detail.json()).toEqual({ error: message, tracing: 'off' })
    } finally {
      await app.stop()
    }
  }, 60_000)

  it('refuses to start with a trace bound that is not a number', async () => {
    await expect(startMotia(copyFixture('traces-chain'), { command: 'dev', env: { MOTIA_TRACE_LIMIT: 'many' } })).rejects.toThrow(
      'Environment variable MOTIA_TRACE_LIMIT: expected an integer >= 1 (traces kept), got `many`. Fix it or unset it (the default is used then).',
    )
  }, 60_000)
})
