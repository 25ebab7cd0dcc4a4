import FindMyWay from 'find-my-way'
import { HTTP_METHODS } from '../defaults.js'
import { MotiaError } from '../errors.js'
import type { HttpRoute } from './options.js'
import { dropProtoKey } from './safe-json.js'

export interface RouteEntry {
  route: HttpRoute
  /** Under `/__motia/`: served only as `adminAccess` allows. */
  admin: boolean
}

export interface RouteMatch {
  entry: RouteEntry
  params: Record<string, string>
  query: Record<string, string | string[]>
}

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>

const noop = () => undefined

export function isAdminPath(path: string): boolean {
  const lower = path.toLowerCase()
  return lower === '/__motia' || lower.startsWith('/__motia/')
}

/**
 * One compiled find-my-way router over every route; a duplicate method and path is an error. Routes
 * under `/__motia/` are admin routes, except `appRoutes` (plugin routes), which are served as app routes.
 */
export function buildRouter(routes: readonly HttpRoute[], appRoutes: readonly HttpRoute[] = []): Router {
  // As Express in Motia v0.x: paths match whatever their letter case or trailing slash, and params have
  // no length cap (node already bounds the URL). Param values keep their case.
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 65_536 })
  const entries = [...routes.map((route) => ({ route, admin: isAdminPath(route.path) })), ...appRoutes.map((route) => ({ route, admin: false }))]
  for (const entry of entries) {
    const { route } = entry
    try {
      router.on(route.method, route.path, noop, entry)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const duplicate = /already declared/.test(message)
      throw new MotiaError(
        'E_BAD_OPTION',
        duplicate
          ? `Two routes answer ${route.method} ${route.path}: give each API step its own method and path.`
          : `Cannot serve ${route.method} ${route.path}: ${message}. Fix the step's \`path\`.`,
        { cause: error, retryable: false },
      )
    }
  }
  return router.compile()
}

/** Finds the route for a request; HEAD falls back to the GET route, as in Express. */
export function findRoute(router: Router, method: string, url: string): RouteMatch | null {
  let found = router.find(method as FindMyWay.HTTPMethod, url)
  if (found === null && method === 'HEAD') found = router.find('GET', url)
  if (found === null) return null
  return {
    entry: found.store as RouteEntry,
    params: found.params as Record<string, string>,
    query: dropProtoKey(found.searchParams as Record<string, string | string[]>),
  }
}

/**
 * The methods served on the path of `url`, for `Allow`: its routes' methods, HEAD where GET is served
 * (see findRoute), and OPTIONS, which every path answers. Empty when no route has this path.
 * Only called for requests that matched no route, so the lookups stay off the hot path.
 */
export function allowedMethods(router: Router, url: string): string[] {
  const served = new Set(HTTP_METHODS.filter((method) => router.find(method, url) !== null))
  if (served.size === 0) return []
  if (served.has('GET')) served.add('HEAD')
  served.add('OPTIONS')
  return HTTP_METHODS.filter((method) => served.has(method))
}

/** The path of a request URL, percent-decoded when it can be (`/%5F%5Fmotia` -> `/__motia`). */
export function decodedPathOf(url: string): string {
  const path = pathOf(url)
  if (!path.includes('%')) return path
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

export function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
