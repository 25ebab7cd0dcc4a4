// Placeholder until the OTLP exporter lands (the otlp-tester helper's part): no exporter.
import type { SpanExporter } from '../exporter.js'

export async function createOtlpExporter(_env: NodeJS.ProcessEnv, _options: { serviceName: string }): Promise<SpanExporter | undefined> {
  return undefined
}
