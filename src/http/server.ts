import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEFAULT_GRACE_MS } from '../defaults.js'
import type { ApiRequest, ApiResponse } from '../types.js'
import { adminGuard } from './admin-access.js'
import { adminRoutes } from './admin.js'
import { listenError } from './listen-error.js'
import { checkOptions, type HttpLog, type HttpRoute, type HttpServerOptions } from './options.js'
import { mediaType, parseBody } from './parse-body.js'
import { hasBody, readBody, TOO_LARGE } from './read-body.js'
import { preview, responseProblem } from './response-problem.js'
import { allowedMethods, buildRouter, decodedPathOf, findRoute, isAdminPath, pathOf } from './router.js'
import { JsonBodyError } from './safe-json.js'
import { failureResponse } from './failure-response.js'
import { writeResponse } from './write-response.js'

export type { HttpRoute, HttpServerOptions } from './options.js'

const INTERNAL_ERROR = { error: 'Internal server error' }
const CLOSE = { connection: 'close' }
const ADMIN_JSON_ONLY =
  "The admin endpoints read JSON bodies only: send this one with `Content-Type: application/json` (with curl: -H 'content-type: application/json')."
// Node's codes for a header name or value it refuses to write.
const BAD_HEADER_CODES = new Set(['ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN', 'ERR_HTTP_INVALID_HEADER_VALUE'])

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
  // Replaced whole by `setRoutes` (a `motia dev` reload): a request uses the router it started with.
  private router: ReturnType<typeof buildRouter>
  private readonly adminRouteList: HttpRoute[]
  private readonly pluginRoutes: readonly HttpRoute[]
  private readonly guard: (method: string, path: string, headers: IncomingHttpHeaders) => ApiResponse | undefined
  private readonly onUpgrade: HttpServerOptions['onUpgrade']
  private readonly rootRedirect: string | undefined
  private server?: Server
  private bound?: { host: string; port: number }
  private closing?: Promise<void>

  constructor(options: HttpServerOptions) {
    const checked = checkOptions(options)
    this.bodyLimit = checked.bodyLimit
    this.log = checked.log
    this.host = checked.host
    this.port = checked.port
    this.adminRouteList = adminRoutes(checked.admin)
    this.pluginRoutes = checked.pluginRoutes ?? []
    this.router = buildRouter([...checked.routes, ...this.adminRouteList], this.pluginRoutes)
    this.guard = adminGuard(checked.adminAccess)
    this.onUpgrade = checked.onUpgrade
    this.rootRedirect = checked.rootRedirect
  }

  /** Where the server listens, once started. */
  get address(): { host: string; port: number } | undefined {
    return this.bound
  }

  /**
   * Serves `routes` (the app's, without the admin and plugin ones) from now on. Throws the router's
   * MotiaError on a clash, and then the routes served before stay.
   */
  setRoutes(routes: readonly HttpRoute[]): void {
    this.router = buildRouter([...routes, ...this.adminRouteList], this.pluginRoutes)
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.server) throw new Error('HttpServer.start() was called twice: create a new HttpServer instead')
    const server = createServer((req, res) => this.onRequest(req, res))
    server.on('checkContinue', (req, res) => this.onCheckContinue(req, res))
    // Only with a handler: without one, Node serves an `Upgrade:` request as a plain request.
    if (this.onUpgrade) server.on('upgrade', this.onUpgrade)
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
    if (Number(req.headers['content-length']) > this.bodyLimit) return this.tooLarge(res, isAdminPath(decodedPathOf(req.url ?? '')))
    res.writeContinue()
    this.onRequest(req, res)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method as string
    const url = req.url as string
    const match = findRoute(this.router, method, url)
    if (match === null) return this.serveUnrouted(req, res, method, url)
    const { route, admin } = match.entry
    // Admin checks only on admin routes: app requests pay nothing for them.
    if (admin) {
      const refusal = this.guard(method, pathOf(url), req.headers)
      if (refusal !== undefined) return this.send(res, refusal, true)
    }

    let rawBody = ''
    let body: unknown
    if (hasBody(req)) {
      const encoding = req.headers['content-encoding']?.trim()
      if (encoding && encoding.toLowerCase() !== 'identity') {
        const message = `Request bodies are read uncompressed; send this one without \`Content-Encoding: ${encoding}\`.`
        return this.send(res, { status: 415, body: { error: 'Unsupported Content-Encoding', message }, headers: CLOSE }, admin)
      }
      // Only JSON: a form or text/plain body is what a page can send cross-site without a preflight.
      if (admin && mediaType(req.headers['content-type'] ?? '') !== 'application/json') {
        return this.send(res, { status: 415, body: { error: 'Unsupported Media Type', message: ADMIN_JSON_ONLY }, headers: CLOSE }, true)
      }
      let raw: Buffer | typeof TOO_LARGE
      try {
        raw = await readBody(req, this.bodyLimit)
      } catch (error) {
        this.log('debug', `${method} ${pathOf(url)}: ${(error as Error).message}`)
        return
      }
      if (raw === TOO_LARGE) return this.tooLarge(res, admin)
      rawBody = raw.toString()
      try {
        body = parseBody(req.headers['content-type'], rawBody)
      } catch (error) {
        const { message } = error as Error
        const refused = error instanceof JsonBodyError ? { error: 'Invalid JSON body', message, path: error.path } : { error: 'Invalid JSON body', message }
        return this.send(res, { status: 400, body: refused }, admin)
      }
    }

    const request: ApiRequest = { pathParams: match.params, queryParams: match.query, body, headers: req.headers, rawBody }
    let response: ApiResponse
    try {
      response = await route.handle(request)
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined }
      this.log('error', `${method} ${route.path} failed: ${message}`, { method, path: route.path, error: message, stack })
      return this.send(res, failureResponse(error) ?? { status: 500, body: INTERNAL_ERROR }, admin)
    }
    const problem = responseProblem(response)
    if (problem !== undefined) {
      this.log('error', `${method} ${route.path} ${problem}`, { method, path: route.path, returned: preview(response) })
      return this.send(res, { status: 500, body: INTERNAL_ERROR }, admin)
    }
    this.send(res, response, admin)
  }

  /**
   * A request no route matched: 405 with `Allow` when the path is served with other methods, 404 when it
   * is not served at all. OPTIONS answers 204 on any path (Motia v0.x's CORS preflight answer). Admin
   * paths pass the admin guard first, and never carry CORS headers.
   */
  private serveUnrouted(req: IncomingMessage, res: ServerResponse, method: string, url: string): void {
    const path = pathOf(url)
    const admin = isAdminPath(decodedPathOf(url))
    if (admin) {
      const refusal = this.guard(method, path, req.headers)
      if (refusal !== undefined) return this.send(res, refusal, true)
    }
    if (this.rootRedirect !== undefined && path === '/' && (method === 'GET' || method === 'HEAD')) {
      return this.send(res, { status: 302, body: undefined, headers: { location: this.rootRedirect } }, false)
    }
    const allowed = allowedMethods(this.router, url)
    const allow = allowed.length === 0 ? undefined : { allow: allowed.join(', ') }
    if (method === 'OPTIONS') return this.send(res, { status: 204, body: undefined, headers: allow }, admin)
    if (allow === undefined) return this.send(res, { status: 404, body: { error: 'Not Found', method, path } }, admin)
    const message = `${path} answers ${allowed.join(', ')}, not ${method}.`
    this.send(res, { status: 405, body: { error: 'Method Not Allowed', message, method, path }, headers: allow }, admin)
  }

  // With `Connection: close`: the rest of the body is never read.
  private tooLarge(res: ServerResponse, admin: boolean): void {
    this.send(res, { status: 413, body: { error: 'Payload too large', limit: this.bodyLimit }, headers: CLOSE }, admin)
  }

  /** `admin`: an admin response, which carries no CORS headers. */
  private send(res: ServerResponse, response: ApiResponse, admin: boolean): void {
    if (res.destroyed) return
    // While closing, a kept-alive connection would hold close() open: end it with this response.
    if (this.closing) res.setHeader('connection', 'close')
    writeResponse(res, response.status, response.body, response.headers, {
      cors: !admin,
      // A client that goes away mid-stream is routine; a source that fails is the handler's bug.
      onStreamError: (error) => {
        const level = (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'debug' : 'error'
        this.log(level, `${res.req.method} ${pathOf(res.req.url ?? '')}: the response body stream failed: ${error.message}`, { error: error.message })
      },
    })
  }

  // Last resort: the response could not be written (e.g. a header value with a newline).
  private fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined }
    const badHeader = BAD_HEADER_CODES.has((error as NodeJS.ErrnoException)?.code ?? '')
    const why = badHeader ? `${message}: header names and values may not contain line breaks or other control characters` : message
    this.log('error', `${req.method} ${pathOf(req.url ?? '')}: could not send the response: ${why}`, { error: message, stack })
    if (res.headersSent || res.destroyed) {
      res.destroy()
      return
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name)
    try {
      this.send(res, { status: 500, body: INTERNAL_ERROR }, isAdminPath(decodedPathOf(req.url ?? '')))
    } catch {
      res.destroy()
    }
  }
}
