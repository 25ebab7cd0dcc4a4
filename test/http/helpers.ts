import { afterEach } from 'vitest'
import { HttpServer, type HttpRoute, type HttpServerOptions } from '../../src/http/index.js'
import type { HttpLogLevel } from '../../src/http/options.js'
import type { ApiRequest, ApiResponse } from '../../src/types.js'

export interface LogEntry {
  level: HttpLogLevel
  message: string
  fields?: Record<string, unknown>
}

export interface TestServer {
  server: HttpServer
  base: string
  logs: LogEntry[]
  /** Resolves with the next log line the server writes. */
  nextLog(): Promise<LogEntry>
  close(): Promise<void>
}

/** A real HttpServer on 127.0.0.1 and a free port; its log lines are kept in `logs`. */
export async function startServer(options: Partial<HttpServerOptions> = {}): Promise<TestServer> {
  const logs: LogEntry[] = []
  const waiting: ((entry: LogEntry) => void)[] = []
  const server = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: [],
    adminAccess: { open: false },
    log: (level, message, fields) => {
      const entry = { level, message, fields }
      logs.push(entry)
      for (const resolve of waiting.splice(0)) resolve(entry)
    },
    ...options,
  })
  const { port } = await server.start()
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    logs,
    nextLog: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => server.close(1_000),
  }
}

/** A route answering with whatever `respond` returns, remembering the requests it saw. */
export function route(
  method: HttpRoute['method'],
  path: string,
  respond: (request: ApiRequest) => unknown = (request) => ({ status: 200, body: { echo: summary(request) } }),
): HttpRoute & { seen: ApiRequest[] } {
  const seen: ApiRequest[] = []
  return {
    method,
    path,
    seen,
    handle: async (request) => {
      seen.push(request)
      return (await respond(request)) as ApiResponse
    },
  }
}

function summary(request: ApiRequest) {
  return { pathParams: request.pathParams, queryParams: request.queryParams, body: request.body, rawBody: request.rawBody }
}

/** A promise with its resolve function, to hold a handler open until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Returns a `serve` that starts a test server and closes it after each test of the calling file. */
export function serverPerTest(): (...args: Parameters<typeof startServer>) => Promise<TestServer> {
  let current: TestServer | undefined
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  return async (...args) => {
    current = await startServer(...args)
    return current
  }
}
