// Our finished spans reach a real OTLP/HTTP receiver on loopback through the OpenTelemetry SDK: names,
// ids, parent links, times in ns, attributes, log events, status and the resource.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Span } from '../../src/traces/span.js'
import { createOtlpExporter } from '../../src/traces/otlp/index.js'
import { REPO } from '../helpers/motia-process.js'
import { attributeMap, type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../helpers/otlp-receiver.js'

const TRACE = '0f8fad5b-d9cb-469f-a165-70867728950e'
const T0 = 1_733_000_000_000

// One request: POST /greetings → emit → queue wait → a Python handler that fails after a log line.
const SPANS: Span[] = [
  {
    traceId: TRACE, spanId: 'a000000000000001', kind: 'http', name: 'POST /greetings', start: T0, end: T0 + 12, status: 'ok',
    attributes: { method: 'POST', route: '/greetings', path: '/greetings', status: 202, step: 'CreateGreeting' },
  },
  {
    traceId: TRACE, spanId: 'a000000000000002', parentSpanId: 'a000000000000001', kind: 'emit', name: 'emit greeting.requested', start: T0 + 5, end: T0 + 6.5, status: 'ok',
    attributes: { topic: 'greeting.requested', subscribers: ['ComposeGreeting'], from: 'CreateGreeting' },
  },
  {
    traceId: TRACE, spanId: 'a000000000000003', parentSpanId: 'a000000000000002', kind: 'queue', name: 'queue ComposeGreeting', start: T0 + 6.5, end: T0 + 20, status: 'ok',
    attributes: { topic: 'greeting.requested', step: 'ComposeGreeting', attempt: 1, messageId: 'm-1' },
  },
  {
    traceId: TRACE, spanId: 'a000000000000004', parentSpanId: 'a000000000000003', kind: 'handler', name: 'ComposeGreeting', start: T0 + 20, end: T0 + 31.25, status: 'error',
    attributes: { step: 'ComposeGreeting', language: 'python', kind: 'event', attempt: 1, pid: 4242, outcome: 'error', 'error.type': 'ValueError', 'error.message': 'tone not supported' },
    events: [{ time: T0 + 21, name: 'log', attributes: { level: 'info', message: 'composing', tone: 'pirate' } }],
  },
]

const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString()

let receiver: OtlpReceiver | undefined
afterEach(async () => {
  await receiver?.close()
  receiver = undefined
})

async function waitForSpans(count: number): Promise<ReceivedSpan[]> {
  await expect.poll(() => receiver!.spans.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count)
  return receiver!.spans
}

describe('the OTLP exporter', () => {
  it('sends each span with its ids, parent, times, kind, attributes, events, status and resource', async () => {
    receiver = await startOtlpReceiver()
    const exporter = await createOtlpExporter(
      { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20t0ken' },
      { serviceName: 'polyglot-app', serviceVersion: '1.2.3' },
    )
    exporter!.export(SPANS)
    await exporter!.shutdown()
    const spans = await waitForSpans(4)
    const byName = Object.fromEntries(spans.map((span) => [span.name, span]))
    const traceId = '0f8fad5bd9cb469fa16570867728950e'
    expect(spans.map((span) => [span.name, span.traceId, span.spanId, span.parentSpanId ?? null, span.kind])).toEqual([
      ['POST /greetings', traceId, 'a000000000000001', null, 2], // SERVER
      ['emit greeting.requested', traceId, 'a000000000000002', 'a000000000000001', 4], // PRODUCER
      ['queue ComposeGreeting', traceId, 'a000000000000003', 'a000000000000002', 5], // CONSUMER
      ['ComposeGreeting', traceId, 'a000000000000004', 'a000000000000003', 1], // INTERNAL
    ])
    expect([byName.ComposeGreeting!.startTimeUnixNano, byName.ComposeGreeting!.endTimeUnixNano]).toEqual([nanos(T0 + 20), '1733000000031250000'])
    expect(byName['emit greeting.requested']!.endTimeUnixNano).toBe('1733000000006500000')
    expect(attributeMap(byName['POST /greetings']!.attributes)).toEqual({
      'motia.trace_id': TRACE,
      'motia.span_kind': 'http',
      'motia.method': 'POST',
      'motia.route': '/greetings',
      'motia.path': '/greetings',
      'motia.status': 202,
      'motia.step': 'CreateGreeting',
      'http.request.method': 'POST',
      'http.route': '/greetings',
      'url.path': '/greetings',
      'http.response.status_code': 202,
    })
    expect(attributeMap(byName['emit greeting.requested']!.attributes)).toMatchObject({
      'motia.subscribers': ['ComposeGreeting'],
      'messaging.system': 'motia',
      'messaging.destination.name': 'greeting.requested',
    })
    expect(attributeMap(byName.ComposeGreeting!.attributes)).toMatchObject({ 'motia.language': 'python', 'motia.pid': 4242, 'error.type': 'ValueError' })
    expect(byName.ComposeGreeting!.status).toMatchObject({ code: 2, message: 'tone not supported' })
    expect(byName['POST /greetings']!.status.code ?? 0).toBe(0)
    expect(byName.ComposeGreeting!.events.map((event) => [event.name, event.timeUnixNano, attributeMap(event.attributes)])).toEqual([
      ['log', nanos(T0 + 21), { level: 'info', message: 'composing', tone: 'pirate' }],
    ])
    expect(attributeMap(spans[0]!.resource)).toMatchObject({ 'service.name': 'polyglot-app', 'service.version': '1.2.3', 'telemetry.sdk.language': 'nodejs' })
    expect(receiver.requests[0]).toMatchObject({ path: '/v1/traces', headers: { authorization: 'Bearer t0ken' } })
  })

  it('names the service from OTEL_SERVICE_NAME when set', async () => {
    receiver = await startOtlpReceiver()
    const exporter = await createOtlpExporter({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_SERVICE_NAME: 'billing' }, { serviceName: 'polyglot-app' })
    exporter!.export(SPANS.slice(0, 1))
    await exporter!.shutdown()
    const [span] = await waitForSpans(1)
    expect(attributeMap(span!.resource)['service.name']).toBe('billing')
  })

  it('survives a collector that is down: one warning, a bounded queue, and export resumes when it is up', async () => {
    const placeholder = await startOtlpReceiver()
    const port = placeholder.port
    await placeholder.close()
    const warnings: string[] = []
    const exporter = await createOtlpExporter(
      { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_TIMEOUT: '500', OTEL_BSP_SCHEDULE_DELAY: '50', OTEL_BSP_MAX_QUEUE_SIZE: '5' },
      { serviceName: 'app', warn: (line) => warnings.push(line) },
    )
    const span = (name: string): Span => ({ ...SPANS[0]!, name })
    expect(() => exporter!.export([span('lost 1'), span('lost 2')])).not.toThrow()
    await expect.poll(() => warnings.length, { timeout: 20_000 }).toBe(1)
    expect(warnings[0]).toMatch(
      new RegExp(`^OTLP export to http://127\\.0\\.0\\.1:${port}/v1/traces failed \\(.+\\): 2 span\\(s\\) dropped, and spans are dropped while it lasts \\(the queue is bounded by OTEL_BSP_MAX_QUEUE_SIZE\\)\\. Start the collector or fix OTEL_EXPORTER_OTLP_ENDPOINT\\.$`),
    )
    // 500 more while down: at most a queue (5) and one batch in flight (5) are kept.
    exporter!.export(Array.from({ length: 500 }, (_, index) => span(`burst ${index}`)))
    receiver = await startOtlpReceiver(port)
    await expect.poll(() => receiver!.requests.length, { timeout: 20_000 }).toBeGreaterThan(0)
    exporter!.export([span('after')])
    await exporter!.shutdown()
    await waitForSpans(1)
    const names = receiver.spans.map((received) => received.name)
    expect(names).toContain('after')
    expect(names.length).toBeLessThanOrEqual(11)
    expect(warnings).toEqual([warnings[0], `OTLP export to http://127.0.0.1:${port}/v1/traces works again.`])
  })

  it('trusts the CA of OTEL_EXPORTER_OTLP_CERTIFICATE for an https collector, and refuses an unknown certificate without it', async () => {
    const tls = join(REPO, 'test/fixtures/otlp-tls')
    receiver = await startOtlpReceiver(0, { key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) })
    const warnings: string[] = []
    const untrusting = await createOtlpExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '20' }, { serviceName: 'app', warn: (line) => warnings.push(line) })
    untrusting!.export([{ ...SPANS[0]!, name: 'refused' }])
    await expect.poll(() => warnings.length, { timeout: 20_000 }).toBe(1)
    expect(warnings[0]).toContain('(self-signed certificate)')
    await untrusting!.shutdown()

    const trusting = await createOtlpExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_CERTIFICATE: join(tls, 'cert.pem') }, { serviceName: 'app' })
    trusting!.export([{ ...SPANS[0]!, name: 'trusted' }])
    await trusting!.shutdown()
    expect(receiver.spans.map((span) => span.name)).toEqual(['trusted'])
  })
})
