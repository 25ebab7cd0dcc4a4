// What the standard `OTEL_*` variables ask of the OTLP export, read from the env the app was given
// (not only `process.env`), without loading the SDK: an app that sets none of them never pays for it.
// Per https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
// https://opentelemetry.io/docs/specs/otel/protocol/exporter/.

export interface OtlpSettings {
  /** Where spans are POSTed: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  url: string
  headers: Record<string, string>
  /** Per export request, retries included (`OTEL_EXPORTER_OTLP[_TRACES]_TIMEOUT`, default 10 s). */
  timeoutMillis: number
  /** Spans waiting beyond this are dropped (`OTEL_BSP_MAX_QUEUE_SIZE`, default 2048). */
  maxQueueSize: number
  maxExportBatchSize: number
  scheduledDelayMillis: number
  /** `OTEL_RESOURCE_ATTRIBUTES`, then `OTEL_SERVICE_NAME` as `service.name`. */
  resourceAttributes: Record<string, string>
  tls: OtlpTls
}

/** File paths for an https endpoint: `OTEL_EXPORTER_OTLP[_TRACES]_CERTIFICATE`, `_CLIENT_CERTIFICATE`, `_CLIENT_KEY`. */
export interface OtlpTls {
  ca?: string
  cert?: string
  key?: string
}

/** The settings, or undefined when no endpoint is set or the export is turned off. */
export function readOtlpSettings(env: NodeJS.ProcessEnv): OtlpSettings | undefined {
  if (isTrue(env.OTEL_SDK_DISABLED)) return undefined
  if (env.OTEL_TRACES_EXPORTER !== undefined && !env.OTEL_TRACES_EXPORTER.split(',').some((name) => name.trim() === 'otlp')) return undefined
  const url = tracesUrl(env)
  if (url === undefined) return undefined
  const maxQueueSize = positiveNumber(env.OTEL_BSP_MAX_QUEUE_SIZE) ?? 2048
  const resourceAttributes = keyValuePairs(env.OTEL_RESOURCE_ATTRIBUTES)
  if (nonEmpty(env.OTEL_SERVICE_NAME)) resourceAttributes['service.name'] = env.OTEL_SERVICE_NAME!.trim()
  return {
    url,
    headers: { ...keyValuePairs(env.OTEL_EXPORTER_OTLP_HEADERS), ...keyValuePairs(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
    timeoutMillis: positiveNumber(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT) ?? positiveNumber(env.OTEL_EXPORTER_OTLP_TIMEOUT) ?? 10_000,
    maxQueueSize,
    maxExportBatchSize: Math.min(positiveNumber(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE) ?? 512, maxQueueSize),
    scheduledDelayMillis: positiveNumber(env.OTEL_BSP_SCHEDULE_DELAY) ?? 5000,
    resourceAttributes,
    tls: defined({ ca: traces(env, 'CERTIFICATE'), cert: traces(env, 'CLIENT_CERTIFICATE'), key: traces(env, 'CLIENT_KEY') }),
  }
}

// The traces-specific variable, else the general one.
function traces(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`OTEL_EXPORTER_OTLP_TRACES_${name}`] ?? env[`OTEL_EXPORTER_OTLP_${name}`]
  return nonEmpty(value) ? value!.trim() : undefined
}

function defined<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T
}

function tracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT!.trim()
  if (!nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT)) return undefined
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT!.trim()
  return `${base.endsWith('/') ? base : `${base}/`}v1/traces`
}

// The W3C Baggage-like list the spec uses for headers and resource attributes: `k1=v1,k2=v2`, percent-encoded.
function keyValuePairs(raw: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {}
  for (const item of raw?.split(',') ?? []) {
    const equals = item.indexOf('=')
    if (equals <= 0) continue
    pairs[decode(item.slice(0, equals).trim())] = decode(item.slice(equals + 1).trim())
  }
  return pairs
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function positiveNumber(raw: string | undefined): number | undefined {
  const value = Number(raw)
  return nonEmpty(raw) && Number.isFinite(value) && value > 0 ? value : undefined
}

function isTrue(raw: string | undefined): boolean {
  return raw?.trim().toLowerCase() === 'true'
}

function nonEmpty(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim() !== ''
}
