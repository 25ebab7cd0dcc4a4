// For test/e2e/otlp.test.ts after the merge (needs the traces helper's recorder and the OTLP exporter).
// `motia dev` on a copy of the example app exports its traces over OTLP/HTTP to a real receiver on
// loopback: one POST /greetings gives one OTel trace holding the http span and the Python handler span,
// linked through the emit and the queue wait.
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, type MotiaProcess, startMotia } from '../helpers/motia-process.js'
import { attributeMap, type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../helpers/otlp-receiver.js'

let app: MotiaProcess | undefined
let receiver: OtlpReceiver | undefined
let project: string | undefined

afterEach(async () => {
  await app?.stop()
  await receiver?.close()
  if (project) rmSync(project, { recursive: true, force: true })
  app = receiver = project = undefined
})

const attribute = (span: ReceivedSpan, key: string) => attributeMap(span.attributes)[key]

describe('OTLP export from motia dev', () => {
  it('sends one trace across TypeScript and Python, the handler span under the http span', async () => {
    receiver = await startOtlpReceiver()
    project = copyFixture('polyglot-app', 'examples')
    app = await startMotia(project, { command: 'dev', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' } })
    const response = await fetch(`${app.url}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada', tone: 'pirate' }) })
    expect(response.status).toBe(202)
    const { traceId } = (await response.json()) as { traceId: string }
    const ofTrace = () => receiver!.spans.filter((span) => attribute(span, 'motia.trace_id') === traceId)
    const pythonHandler = () => ofTrace().find((span) => attribute(span, 'motia.span_kind') === 'handler' && attribute(span, 'motia.language') === 'python')
    // From the handler up through its parents (the queue wait, the emit, ...) to the http span, once all arrived.
    const chainUp = (from: ReceivedSpan | undefined): string[] => {
      const byId = new Map(ofTrace().map((span) => [span.spanId, span]))
      const names: string[] = []
      for (let span = from; span && names.length < 50; span = span.parentSpanId ? byId.get(span.parentSpanId) : undefined) names.push(span.name)
      return names
    }
    await expect.poll(() => chainUp(pythonHandler()).at(-1), { timeout: 60_000, interval: 200 }).toBe('POST /greetings')

    const spans = ofTrace()
    const http = spans.find((span) => span.name === 'POST /greetings')!
    const handler = pythonHandler()!
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1)
    expect(http.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect([http.kind, http.parentSpanId]).toEqual([2, undefined]) // SERVER, the root
    expect(attributeMap(http.attributes)).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/greetings', 'http.response.status_code': 202 })
    expect(attributeMap(handler.attributes)).toMatchObject({ 'motia.step': 'ComposeGreeting', 'motia.outcome': 'ok' })
    expect(attribute(handler, 'motia.pid')).toEqual(expect.any(Number))
    expect(attributeMap(handler.resource)['service.name']).toBeTruthy()
    expect(chainUp(handler)).toContain('emit greeting.requested')
    expect(spans.find((span) => attribute(span, 'motia.span_kind') === 'queue' && attribute(span, 'motia.step') === 'ComposeGreeting')?.kind).toBe(5) // CONSUMER
    expect(Number(handler.startTimeUnixNano) >= Number(http.startTimeUnixNano)).toBe(true)
  }, 120_000)
})
