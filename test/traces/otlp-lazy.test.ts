// The OpenTelemetry SDK costs start-up time: an app without OTEL_EXPORTER_OTLP_ENDPOINT never loads it.
// Node's module debug lines (NODE_DEBUG=esm,module) list every file it loads, on stderr.
import { execa } from 'execa'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/motia-process.js'

const ENTRY = pathToFileURL(join(REPO, 'dist/traces/otlp/index.js')).href

const SCRIPT = `
const { createOtlpExporter } = await import(${JSON.stringify(ENTRY)})
const off = await createOtlpExporter({}, { serviceName: 'app' })
process.stderr.write('MARK unconfigured ' + (off === undefined) + '\\n')
const on = await createOtlpExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }, { serviceName: 'app' })
process.stderr.write('MARK configured ' + (on !== undefined) + '\\n')
await on.shutdown(100)
`

describe('loading the OTLP exporter', () => {
  it('imports the SDK only once an endpoint is configured', async () => {
    const { stderr } = await execa(process.execPath, ['--input-type=module', '-e', SCRIPT], { env: { NODE_DEBUG: 'esm,module' }, cwd: REPO })
    const [unconfigured, configured] = stderr.split('MARK unconfigured true')
    expect(configured).toContain('MARK configured true')
    expect(unconfigured).not.toContain('node_modules/@opentelemetry/')
    expect(stderr).toContain('node_modules/@opentelemetry/sdk-trace')
    expect(stderr).toContain('node_modules/@opentelemetry/exporter-trace-otlp-http')
  })
})
