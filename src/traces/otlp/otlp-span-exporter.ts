// Loaded only when OTLP export is configured (see index.ts): everything here pulls in the SDK.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { SpanExporter } from '../exporter.js'
import type { Span } from '../span.js'
import { ExportAgent } from './export-agent.js'
import { OutageWatch } from './outage-watch.js'
import type { OtlpSettings } from './settings.js'
import { type SpanOrigin, toReadableSpan } from './to-readable-span.js'

export interface OtlpIdentity {
  serviceName: string
  serviceVersion?: string
  warn: (message: string) => void
}

/** Our spans through the SDK's BatchSpanProcessor (bounded queue, batches, timeouts) to an OTLP/HTTP JSON exporter. */
export class OtlpSpanExporter implements SpanExporter {
  private readonly processor: BatchSpanProcessor
  private readonly origin: SpanOrigin
  private readonly agent: ExportAgent

  constructor(settings: OtlpSettings, identity: OtlpIdentity) {
    const ours = { 'service.name': identity.serviceName, ...(identity.serviceVersion ? { 'service.version': identity.serviceVersion } : {}) }
    this.origin = {
      resource: defaultResource().merge(resourceFromAttributes({ ...ours, ...settings.resourceAttributes })),
      scope: { name: 'motia' },
    }
    this.agent = new ExportAgent(settings.tls, identity.warn)
    const otlp = new OTLPTraceExporter({ url: settings.url, headers: settings.headers, timeoutMillis: settings.timeoutMillis, httpAgentOptions: this.agent.factory })
    this.processor = new BatchSpanProcessor(new OutageWatch(otlp, settings.url, identity.warn), {
      maxQueueSize: settings.maxQueueSize,
      maxExportBatchSize: settings.maxExportBatchSize,
      scheduledDelayMillis: settings.scheduledDelayMillis,
      exportTimeoutMillis: settings.timeoutMillis + 1000,
    })
  }

  export(spans: readonly Span[]): void {
    for (const span of spans) {
      try {
        this.processor.onEnd(toReadableSpan(span, this.origin))
      } catch {
        // A span the SDK cannot take is not worth failing the request that made it.
      }
    }
  }

  async shutdown(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    })
    await Promise.race([this.processor.shutdown().catch(() => undefined), deadline])
    clearTimeout(timer)
    // Past the deadline, a collector that never answers must not hold the process.
    this.agent.destroy()
  }
}
