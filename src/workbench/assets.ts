// The Workbench's static files (built by scripts/build-workbench.js into dist/workbench-ui), served by
// `motia dev` under /__motia/workbench.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HttpRoute } from '../http/options.js'
import type { ApiResponse } from '../types.js'

export const WORKBENCH_PATH = '/__motia/workbench'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
}

// From dist/workbench/ and from src/workbench/ alike: the bundle is always in the package's dist/.
const DEFAULT_DIR = fileURLToPath(new URL('../../dist/workbench-ui/', import.meta.url))

/** `GET /__motia/workbench` (the page) and `GET /__motia/workbench/assets/*` (its scripts and styles). */
export function workbenchRoutes(dir = DEFAULT_DIR): HttpRoute[] {
  const page: HttpRoute['handle'] = () => serveFile(dir, 'index.html')
  return [
    { method: 'GET', path: WORKBENCH_PATH, handle: page },
    { method: 'GET', path: `${WORKBENCH_PATH}/assets/*`, handle: ({ pathParams }) => serveFile(dir, join('assets', pathParams['*'] ?? '')) },
  ]
}

async function serveFile(dir: string, relative: string): Promise<ApiResponse> {
  const path = normalize(join(dir, relative))
  // `..` in the URL must not leave the folder.
  if (!path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return { status: 404, body: { error: 'Not Found' } }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    if (relative === 'index.html') {
      const message = `The Workbench is not built (${dir} is missing): run \`npm run build\` in the motia package.`
      return { status: 503, body: message, headers: { 'content-type': 'text/plain; charset=utf-8' } }
    }
    return { status: 404, body: { error: 'Not Found', path: relative } }
  }
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream'
  // Same-origin only, and no caching of a bundle that changes with every build of the package.
  return { status: 200, body: bytes, headers: { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } }
}
