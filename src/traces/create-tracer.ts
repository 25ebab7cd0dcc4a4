import type { SpanExporter } from './exporter.js'
import { MemoryTraceStore } from './memory-trace-store.js'
import { traceSettings } from './trace-settings.js'
import { Tracer } from './tracer.js'

export interface TracerSetup {
  env: NodeJS.ProcessEnv
  /** `.motia`: where `traces.sqlite` goes; undefined keeps traces in memory (`--memory`). */
  dir: string | undefined
  serviceName: string
  onError: (error: unknown) => void
  /** Where the OTLP exporter says a collector is down (once per outage) and back. */
  warn: (message: string) => void
}

/** The app's tracer, or undefined when `MOTIA_TRACING=off`. Throws E_BAD_OPTION for a bad setting. */
export async function createTracer(setup: TracerSetup): Promise<Tracer | undefined> {
  const { enabled, bounds } = traceSettings(setup.env)
  if (!enabled) return undefined
  // better-sqlite3 is loaded only for traces kept on disk.
  const store = setup.dir === undefined ? new MemoryTraceStore(bounds) : new (await import('./sqlite-trace-store.js')).SqliteTraceStore(setup.dir, bounds)
  return new Tracer({ store, exporter: await otlpExporter(setup), onError: setup.onError })
}

// The OpenTelemetry SDK is loaded only when an OTLP endpoint is set.
async function otlpExporter({ env, serviceName, warn }: TracerSetup): Promise<SpanExporter | undefined> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined
  const { createOtlpExporter } = await import('./otlp/index.js')
  return createOtlpExporter(env, { serviceName, warn })
}
