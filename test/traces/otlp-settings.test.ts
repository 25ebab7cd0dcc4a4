// Which OTEL_* variables turn the OTLP export on, and what they set.
import { describe, expect, it } from 'vitest'
import { createOtlpExporter } from '../../src/traces/otlp/index.js'
import { otelTraceId } from '../../src/traces/otlp/otel-trace-id.js'
import { readOtlpSettings } from '../../src/traces/otlp/settings.js'

const ENDPOINT = 'http://127.0.0.1:4318'

describe('readOtlpSettings', () => {
  it('is off without an endpoint, and when the SDK or the traces exporter is turned off', async () => {
    expect(readOtlpSettings({})).toBeUndefined()
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined()
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'true' })).toBeUndefined()
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'TRUE' })).toBeUndefined()
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined()
    expect(await createOtlpExporter({}, { serviceName: 'app' })).toBeUndefined()
    expect(await createOtlpExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'none' }, { serviceName: 'app' })).toBeUndefined()
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' })?.url).toBe(`${ENDPOINT}/v1/traces`)
  })

  it('appends /v1/traces to the base endpoint, and takes the traces endpoint as is', () => {
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: `${ENDPOINT}/` })?.url).toBe(`${ENDPOINT}/v1/traces`)
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example/otlp' })?.url).toBe('https://collector.example/otlp/v1/traces')
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces.example/custom' })?.url).toBe(
      'http://traces.example/custom',
    )
  })

  it('reads headers, timeout, queue bounds and resource attributes, the traces-specific ones first', () => {
    const settings = readOtlpSettings({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${ENDPOINT}/v1/traces`,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-team=core',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
      OTEL_EXPORTER_OTLP_TIMEOUT: '3000',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=dev,service.name=from-attributes',
      OTEL_SERVICE_NAME: 'from-env',
      OTEL_EXPORTER_OTLP_CERTIFICATE: 'ca.pem',
      OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: 'client.key',
    })
    expect(settings).toEqual({
      url: `${ENDPOINT}/v1/traces`,
      headers: { authorization: 'Bearer abc', 'x-team': 'traces' },
      timeoutMillis: 3000,
      maxQueueSize: 100,
      maxExportBatchSize: 100,
      scheduledDelayMillis: 5000,
      resourceAttributes: { 'deployment.environment': 'dev', 'service.name': 'from-env' },
      tls: { ca: 'ca.pem', key: 'client.key' },
    })
  })
})

describe('otelTraceId', () => {
  it('keeps the digits of a UUID, and hashes any other id to the same 32 hex digits every time', () => {
    expect(otelTraceId('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0f8fad5bd9cb469fa16570867728950e')
    const hashed = otelTraceId('K7M2Q-1733000000000')
    expect(hashed).toMatch(/^[0-9a-f]{32}$/)
    expect(otelTraceId('K7M2Q-1733000000000')).toBe(hashed)
    expect(otelTraceId('K7M2Q-1733000000001')).not.toBe(hashed)
    expect(otelTraceId('00000000-0000-0000-0000-000000000000')).toMatch(/^(?!0{32})[0-9a-f]{32}$/)
  })
})
