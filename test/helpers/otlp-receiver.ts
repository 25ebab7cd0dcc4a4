// A real OTLP/HTTP receiver on loopback: collects what exporters POST to /v1/traces (JSON encoding).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'

export interface OtlpAttribute {
  key: string
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values: OtlpAttribute['value'][] } }
}

export interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: OtlpAttribute[]
  events: { name: string; timeUnixNano: string; attributes: OtlpAttribute[] }[]
  status: { code?: number; message?: string }
}

/** A received span with its resource's attributes. */
export interface ReceivedSpan extends OtlpSpan {
  resource: OtlpAttribute[]
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: what OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
  url: string
  port: number
  spans: ReceivedSpan[]
  requests: { path: string; headers: IncomingHttpHeaders }[]
  close(): Promise<void>
}

interface ExportRequest {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[]
}

/** Listens on `port` (a free one by default); over https with `tls`. */
export async function startOtlpReceiver(port = 0, tls?: { key: Buffer; cert: Buffer }): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const requests: OtlpReceiver['requests'] = []
  const receive = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      requests.push({ path: request.url ?? '', headers: request.headers })
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end()
        return
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as ExportRequest
      for (const resourceSpan of body.resourceSpans ?? []) {
        for (const scopeSpan of resourceSpan.scopeSpans ?? []) {
          for (const span of scopeSpan.spans ?? []) spans.push({ ...span, resource: resourceSpan.resource?.attributes ?? [] })
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  }
  const server: Server = tls ? createTlsServer(tls, receive) : createServer(receive)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const actual = (server.address() as AddressInfo).port
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`,
    port: actual,
    spans,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Attributes as a plain object (int64 values arrive as strings or numbers; both become numbers). */
export function attributeMap(attributes: OtlpAttribute[]): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, plain(value)]))
}

function plain(value: OtlpAttribute['value']): unknown {
  if (value.arrayValue) return value.arrayValue.values.map(plain)
  if (value.intValue !== undefined) return Number(value.intValue)
  return value.stringValue ?? value.doubleValue ?? value.boolValue
}
