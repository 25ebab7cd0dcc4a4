import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base'
import { SHUT_DOWN } from './export-agent.js'

// ExportResult and ExportResultCode.SUCCESS live in @opentelemetry/core, which is not our dependency.
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0]
const SUCCESS = 0

/**
 * Wraps the OTLP exporter to say when the collector stops answering: one warning per outage (the first
 * failed export after a success, or after start), one line when exports succeed again, and one for what
 * shutdown had to give up on.
 */
export class OutageWatch implements SpanExporter {
  private down = false

  constructor(
    private readonly inner: SpanExporter,
    private readonly url: string,
    private readonly warn: (message: string) => void,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      this.observe(result, spans.length)
      resultCallback(result)
    })
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown()
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve()
  }

  private observe(result: ExportResult, count: number): void {
    if (result.code === SUCCESS) {
      if (this.down) this.warn(`OTLP export to ${this.url} works again.`)
      this.down = false
      return
    }
    if (result.error?.message === SHUT_DOWN) {
      this.warn(`OTLP export to ${this.url}: ${count} span(s) not sent, the collector did not answer before shutdown.`)
      return
    }
    if (this.down) return
    this.down = true
    const reason = result.error?.message || 'no answer'
    this.warn(
      `OTLP export to ${this.url} failed (${reason}): ${count} span(s) dropped, and spans are dropped while it lasts (the queue is bounded by OTEL_BSP_MAX_QUEUE_SIZE). Start the collector or fix OTEL_EXPORTER_OTLP_ENDPOINT.`,
    )
  }
}
