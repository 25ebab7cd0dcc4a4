import type { SpanExporter } from '../exporter.js'
import { readOtlpSettings } from './settings.js'

export interface OtlpExporterOptions {
  /** `service.name` of the resource, unless `OTEL_SERVICE_NAME` (or `OTEL_RESOURCE_ATTRIBUTES`) sets it. */
  serviceName: string
  serviceVersion?: string
  /** One line when the collector stops answering (once per outage); stderr by default. */
  warn?: (message: string) => void
}

/**
 * The OTLP/HTTP (JSON) span exporter, when `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set and neither `OTEL_SDK_DISABLED=true` nor
 * `OTEL_TRACES_EXPORTER=none` turns it off; otherwise undefined. The OpenTelemetry SDK is imported only
 * then: it costs start-up time.
 *
 * @example
 * const exporter = await createOtlpExporter(process.env, { serviceName: 'my-app' })
 * exporter?.export(finishedSpans)
 */
export async function createOtlpExporter(env: NodeJS.ProcessEnv, options: OtlpExporterOptions): Promise<SpanExporter | undefined> {
  const settings = readOtlpSettings(env)
  if (!settings) return undefined
  const { OtlpSpanExporter } = await import('./otlp-span-exporter.js')
  return new OtlpSpanExporter(settings, {
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion,
    warn: options.warn ?? ((message) => process.stderr.write(`${message}\n`)),
  })
}
