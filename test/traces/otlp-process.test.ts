// The exporter in a real Node process (the built dist/): the OpenTelemetry SDK costs start-up time, so an
// app without OTEL_EXPORTER_OTLP_ENDPOINT never loads it; and a collector that never answers must not
// keep the process alive after shutdown. Node's module debug lines (NODE_DEBUG=esm,module) list every
// file it loads, on stderr.
import { execa } from 'execa'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/motia-process.js'

const ENTRY = JSON.stringify(pathToFileURL(join(REPO, 'dist/traces/otlp/index.js')).href)

const runScript = (script: string, env: Record<string, string> = {}) =>
  execa(process.execPath, ['--input-type=module', '-e', script], { env, cwd: REPO, timeout: 60_000, reject: false })

describe('the OTLP exporter in a process', () => {
  it('imports the SDK only once an endpoint is configured', async () => {
    const { stderr, exitCode } = await runScript(
      `
      const { createOtlpExporter } = await import(${ENTRY})
      const off = await createOtlpExporter({}, { serviceName: 'app' })
      process.stderr.write('MARK unconfigured ' + (off === undefined) + '\\n')
      const on = await createOtlpExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }, { serviceName: 'app' })
      process.stderr.write('MARK configured ' + (on !== undefined) + '\\n')
      await on.shutdown(100)
      `,
      { NODE_DEBUG: 'esm,module' },
    )
    expect(exitCode).toBe(0)
    const [unconfigured, configured] = stderr.split('MARK unconfigured true')
    expect(configured).toContain('MARK configured true')
    expect(unconfigured).not.toContain('node_modules/@opentelemetry/')
    expect(stderr).toContain('node_modules/@opentelemetry/sdk-trace')
    expect(stderr).toContain('node_modules/@opentelemetry/exporter-trace-otlp-http')
  })

  // In flight: shutdown ends the request the collector holds. Retry: the first connection is reset, and
  // the retry the SDK schedules (about 1 s later) comes after shutdown: it must end at once, not hang.
  it.each([
    ['in flight', 'false', 'await connection\n      await exporter.shutdown(200)'],
    ['retry after shutdown', 'true', 'await connection\n      await exporter.shutdown(50)'],
  ])('lets the process exit after shutdown when the collector accepts the connection and never answers (%s)', async (_, resetFirst, shutdown) => {
    // The export timeout (10 min) is far beyond the test's deadline: only shutdown can end the request.
    const { stderr, exitCode, timedOut } = await runScript(`
      import { createServer } from 'node:net'
      const { createOtlpExporter } = await import(${ENTRY})
      let connected
      const connection = new Promise((resolve) => (connected = resolve))
      let connections = 0
      const silent = createServer((socket) => {
        if (++connections === 1 && ${resetFirst}) socket.resetAndDestroy()
        connected()
      }).listen(0, '127.0.0.1')
      await new Promise((resolve) => silent.once('listening', resolve))
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:' + silent.address().port, OTEL_EXPORTER_OTLP_TIMEOUT: '600000', OTEL_BSP_SCHEDULE_DELAY: '20' }
      const exporter = await createOtlpExporter(env, { serviceName: 'app', warn: (line) => process.stderr.write(line + '\\n') })
      exporter.export([{ traceId: 't-1', spanId: 'a000000000000001', kind: 'http', name: 'GET /', start: Date.now(), end: Date.now(), status: 'ok', attributes: {} }])
      ${shutdown}
      silent.unref()
      process.stderr.write('SHUT DOWN\\n')
    `)
    expect(timedOut).toBe(false)
    expect(exitCode).toBe(0)
    expect(stderr.split('\n')).toEqual([
      'SHUT DOWN',
      expect.stringMatching(/^OTLP export to http:\/\/127\.0\.0\.1:\d+\/v1\/traces: 1 span\(s\) not sent, the collector did not answer before shutdown\.$/),
    ])
  })
})
