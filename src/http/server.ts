import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_GRACE_MS } from '../defaults.js'
import { MotiaError } from '../errors.js'
import type { ApiRequest, ApiResponse } from '../types.js'
import { adminGate, type AdminDecision } from './admin-access.js'
import { adminRoutes } from './admin.js'
import { checkOptions, type HttpLog, type HttpServerOptions } from './options.js'
import { parseBody } from './parse-body.js'
import { hasBody, readBody, TOO_LARGE } from './read-body.js'
import { buildRouter, findRoute, pathOf } from './router.js'
import { writeResponse } from './write-response.js'

export type { HttpRoute, HttpServerOptions } from './options.js'

const INTERNAL_ERROR = { error: 'Internal server error' }
const CLOSE = { connection: 'close' }

/**
 * Serves API routes and the `/__motia/*` admin endpoints over node:http.
 *
 * @example
 * const server = new HttpServer({ host: '127.0.0.1', port: 0, routes, adminAccess: { open: true }, log })
 * const { port } = await server.start()
 * await server.close(5_000)
 */
export class HttpServer {
  private readonly bodyLimit: number
  private readonly log: HttpLog
  private readonly host: string
  private readonly port: number
  private readonly router: ReturnType<typeof buildRouter>
  private readonly gate: (authorization: string | undefined) => AdminDecision
  private server?: Server
  private bound?: { host: string; port: number }
  private closing?: Promise<void>

  constructor(options: HttpServerOptions) {
    const checked = checkOptions(options)
    this.bodyLimit = checked.bodyLimit
    this.log = checked.log
    this.host = checked.host
    this.port = checked.port
    this.router = buildRouter([...checked.routes, ...(checked.pluginRoutes ?? []), ...adminRoutes(checked.admin)])
    this.gate = adminGate(checked.adminAccess)
  }

  /** Where the server listens, once started. */
  get address(): { host: string; port: number } | undefined {
    return this.bound
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.server) throw new Error('HttpServer.start() was called twice: create a new HttpServer instead')
    const server = createServer((req, res) => this.onRequest(req, res))
    server.on('checkContinue', (req, res) => this.onCheckContinue(req, res))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, this.host, () => {
        server.off('error', reject)
        resolve()
      })
    }).catch((error: NodeJS.ErrnoException) => {
      this.server = undefined
      throw listenError(error, this.host, this.port)
    })
    server.on('error', (error) => this.log('error', `HTTP server error: ${error.message}`, { error: error.message }))
    const address = server.address() as AddressInfo
    this.bound = { host: this.host, port: address.port }
    return this.bound
  }

  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then destroys
   * the sockets still open. Safe to call twice.
   */
  close(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    const server = this.server
    if (!server) return Promise.resolve()
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs)
      server.close(() => {
        clearTimeout(timer)
        resolve()
      })
      server.closeIdleConnections()
    })
    return this.closing
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.serve(req, res).catch((error: unknown) => this.fail(req, res, error))
  }

  // `Expect: 100-continue` (RFC 9110 §10.1.1): a declared body over the limit gets its 413 before the
  // client sends it, instead of after a 100 Continue that invites the whole upload.
  private onCheckContinue(req: IncomingMessage, res: ServerResponse): void {
    if (Number(req.headers['content-length']) > this.bodyLimit) return this.tooLarge(res)
    res.writeContinue()
    this.onRequest(req, res)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method as string
    const url = req.url as string
    const match = findRoute(this.router, method, url)
    const access = match?.entry.admin ? this.gate(req.headers.authorization) : 'allow'
    if (match === null || access === 'absent') {
      // Motia v0.x compat: OPTIONS on any path without its own route is a CORS preflight answer.
      if (method === 'OPTIONS') return this.send(res, 204, undefined)
      return this.send(res, 404, { error: 'Not Found', method, path: pathOf(url) })
    }
    if (access === 'unauthorized') {
      return this.send(res, 401, { error: 'Unauthorized' }, { 'www-authenticate': 'Bearer' })
    }

    let rawBody = ''
    let body: unknown
    if (hasBody(req)) {
      const encoding = req.headers['content-encoding']?.trim()
      if (encoding && encoding.toLowerCase() !== 'identity') {
        const message = `Request bodies are read uncompressed; send this one without \`Content-Encoding: ${encoding}\`.`
        return this.send(res, 415, { error: 'Unsupported Content-Encoding', message }, CLOSE)
      }
      let raw: Buffer | typeof TOO_LARGE
      try {
        raw = await readBody(req, this.bodyLimit)
      } catch (error) {
        this.log('debug', `${method} ${pathOf(url)}: ${(error as Error).message}`)
        return
      }
      if (raw === TOO_LARGE) return this.tooLarge(res)
      rawBody = raw.toString()
      try {
        body = parseBody(req.headers['content-type'], rawBody)
      } catch (error) {
        return this.send(res, 400, { error: 'Invalid JSON body', message: (error as Error).message })
      }
    }

    const { route } = match.entry
    const request: ApiRequest = { pathParams: match.params, queryParams: match.query, body, headers: req.headers, rawBody }
    let response: ApiResponse
    try {
      response = await route.handle(request)
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined }
      this.log('error', `${method} ${route.path} failed: ${message}`, { method, path: route.path, error: message, stack })
      return this.send(res, 500, INTERNAL_ERROR)
    }
    const problem = responseProblem(response)
    if (problem !== undefined) {
      this.log('error', `${method} ${route.path} ${problem}`, { method, path: route.path, returned: preview(response) })
      return this.send(res, 500, INTERNAL_ERROR)
    }
    this.send(res, response.status, response.body, response.headers)
  }

  // With `Connection: close`: the rest of the body is never read.
  private tooLarge(res: ServerResponse): void {
    this.send(res, 413, { error: 'Payload too large', limit: this.bodyLimit }, CLOSE)
  }

  private send(res: ServerResponse, status: number, body: unknown, headers?: Readonly<Record<string, unknown>>): void {
    if (res.destroyed) return
    // While closing, a kept-alive connection would hold close() open: end it with this response.
    if (this.closing) res.setHeader('connection', 'close')
    writeResponse(res, status, body, headers, (error) => {
      // A client that goes away mid-stream is routine; a source that fails is the handler's bug.
      const level = (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'debug' : 'error'
      this.log(level, `${res.req.method} ${pathOf(res.req.url ?? '')}: the response body stream failed: ${error.message}`, { error: error.message })
    })
  }

  // Last resort: the response could not be written (e.g. a header value with a newline).
  private fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined }
    this.log('error', `${req.method} ${pathOf(req.url ?? '')}: could not send the response: ${message}`, { error: message, stack })
    if (res.headersSent || res.destroyed) {
      res.destroy()
      return
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name)
    try {
      this.send(res, 500, INTERNAL_ERROR)
    } catch {
      res.destroy()
    }
  }
}

// What is wrong with a handler's result, or undefined when it is a usable ApiResponse.
function responseProblem(response: unknown): string | undefined {
  if (response === null || typeof response !== 'object') {
    return 'returned no response: expected an object `{ status, body, headers? }`'
  }
  const { status, headers } = response as Partial<ApiResponse>
  if (typeof status !== 'number') return 'returned a response without a numeric `status`'
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return `returned status ${status}: expected an integer HTTP status from 200 to 599`
  }
  if (headers !== undefined && (headers === null || typeof headers !== 'object')) {
    return 'returned `headers` that is not an object'
  }
  return undefined
}

function preview(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200)
  } catch {
    return String(value).slice(0, 200)
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new MotiaError('E_BAD_OPTION', `Port ${port} on ${host} is already in use: stop the other server or choose another port.`, {
      cause: error,
      retryable: false,
    })
  }
  if (error.code === 'EACCES') {
    return new MotiaError('E_BAD_OPTION', `Not allowed to listen on ${host}:${port}: choose a port above 1023.`, {
      cause: error,
      retryable: false,
    })
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new MotiaError('E_BAD_OPTION', `Cannot listen on host "${host}": it is not an address of this machine.`, {
      cause: error,
      retryable: false,
    })
  }
  return error
}
