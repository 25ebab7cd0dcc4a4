import type { Span } from './span.js'

/**
 * Where finished spans go besides the embedded store: OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set. `export` never throws and never waits: it batches.
 */
export interface SpanExporter {
  export(spans: readonly Span[]): void
  /** Sends what is batched (bounded by `timeoutMs`), then stops. */
  shutdown(timeoutMs?: number): Promise<void>
}
