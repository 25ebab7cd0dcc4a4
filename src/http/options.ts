import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { DEFAULT_BODY_LIMIT, HTTP_METHODS } from '../defaults.js'
import { MotiaError } from '../errors.js'
import type { ApiRequest, ApiResponse, ApiRouteMethod } from '../types.js'
import type { AdminApi } from './admin.js'

/** One route the server answers. The engine builds one per API step; plugins may add more. */
export interface HttpRoute {
  method: ApiRouteMethod
  /** find-my-way syntax, as Motia v0.x paths: `/users/:id`, `/files/*`. */
  path: string
  handle(request: ApiRequest): Promise<ApiResponse>
}

export type HttpLogLevel = 'debug' | 'info' | 'warn' | 'error'
export type HttpLog = (level: HttpLogLevel, message: string, fields?: Record<string, unknown>) => void

export interface AdminAccess {
  /** Serve `/__motia/*` to anyone (`motia dev`). */
  open: boolean
  /** When not open: serve `/__motia/*` to requests carrying `Authorization: Bearer <token>`. */
  token?: string
}

export interface HttpServerOptions {
  host: string
  /** 0 picks any free port; `start()` returns the one chosen. */
  port: number
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  bodyLimit?: number
  routes: HttpRoute[]
  admin?: AdminApi
  adminAccess: AdminAccess
  log: HttpLog
  /** Routes from motia.config.ts plugins: app routes (no admin guard, CORS) even under `/__motia/`. */
  pluginRoutes?: HttpRoute[]
  /** Where `GET /` redirects when no route claims it (`motia dev`: the Workbench). */
  rootRedirect?: string
  /** WebSocket upgrade requests (the stream socket), on any path; without it they are refused. */
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
}


function describe(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  let text: string
  try {
    // JSON has no NaN or Infinity: it would print them as `null`.
    text = typeof value === 'function' ? '[function]' : typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return `\`${text}\` (${type})`
}

function badOption(name: string, expected: string, value: unknown): MotiaError {
  return new MotiaError('E_BAD_OPTION', `Expected the \`${name}\` option to be ${expected}, got ${describe(value)}`, {
    retryable: false,
  })
}

/** Checks every option once, where it comes in; returns them with defaults applied. */
export function checkOptions(options: HttpServerOptions): HttpServerOptions & { bodyLimit: number } {
  if (options === null || typeof options !== 'object') throw badOption('options', 'an object', options)
  const { host, port, bodyLimit = DEFAULT_BODY_LIMIT, adminAccess, log } = options
  if (typeof host !== 'string' || host.length === 0) throw badOption('host', 'a non-empty string', host)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badOption('port', 'an integer from 0 to 65535', port)
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit <= 0) throw badOption('bodyLimit', 'a positive integer (bytes)', bodyLimit)
  if (adminAccess === null || typeof adminAccess !== 'object' || typeof adminAccess.open !== 'boolean') {
    throw badOption('adminAccess', 'an object `{ open: boolean, token?: string }`', adminAccess)
  }
  if (adminAccess.token !== undefined && typeof adminAccess.token !== 'string') {
    throw badOption('adminAccess.token', 'a string', adminAccess.token)
  }
  if (typeof log !== 'function') throw badOption('log', 'a function', log)
  if (options.onUpgrade !== undefined && typeof options.onUpgrade !== 'function') throw badOption('onUpgrade', 'a function', options.onUpgrade)
  checkRoutes('routes', options.routes)
  if (options.pluginRoutes !== undefined) checkRoutes('pluginRoutes', options.pluginRoutes)
  return { ...options, bodyLimit }
}

function checkRoutes(name: string, routes: unknown): void {
  if (!Array.isArray(routes)) throw badOption(name, 'an array of routes', routes)
  routes.forEach((route: Partial<HttpRoute> | null, index) => {
    const at = `${name}[${index}]`
    if (route === null || typeof route !== 'object') throw badOption(at, 'a route `{ method, path, handle }`', route)
    if (!(HTTP_METHODS as readonly unknown[]).includes(route.method)) {
      throw badOption(`${at}.method`, `one of ${HTTP_METHODS.join(', ')}`, route.method)
    }
    if (typeof route.path !== 'string' || !route.path.startsWith('/')) {
      throw badOption(`${at}.path`, 'a string starting with "/"', route.path)
    }
    if (typeof route.handle !== 'function') throw badOption(`${at}.handle`, 'a function', route.handle)
  })
}
