// Sends the request the tester built to the app's own route (same origin), and reads what came back.

export interface TestRequest {
  method: string
  /** The OpenAPI template: `/greetings/{id}`. */
  path: string
  pathParams: Record<string, string>
  query: Record<string, string>
  headers: [string, string][]
  /** Raw JSON text; empty sends no body. */
  body: string
}

export interface TestResponse {
  status: number
  statusText: string
  durationMs: number
  headers: [string, string][]
  /** Pretty JSON when the body is JSON, the text otherwise. */
  body: string
  /** The response's `x-trace-id`: its trace in `#/traces/<id>`. */
  traceId?: string
}

/** `/greetings/{id}` with `{ id: 'a b' }` and `{ q: 'x' }` → `/greetings/a%20b?q=x` (empty query values left out). */
export function requestUrl(path: string, pathParams: Record<string, string>, query: Record<string, string>): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ''))
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''))
  const text = search.toString()
  return text === '' ? filled : `${filled}?${text}`
}

export async function sendRequest(request: TestRequest): Promise<TestResponse> {
  const headers = new Headers()
  for (const [name, value] of request.headers) if (name.trim() !== '') headers.append(name.trim(), value)
  const withBody = request.body.trim() !== '' && request.method !== 'GET' && request.method !== 'HEAD'
  if (withBody && !headers.has('content-type')) headers.set('content-type', 'application/json')
  const started = performance.now()
  const response = await fetch(requestUrl(request.path, request.pathParams, request.query), {
    method: request.method,
    headers,
    body: withBody ? request.body : undefined,
  })
  const text = await response.text()
  const durationMs = performance.now() - started
  return {
    status: response.status,
    statusText: response.statusText,
    durationMs,
    headers: [...response.headers.entries()],
    body: pretty(text),
    traceId: response.headers.get('x-trace-id') ?? undefined,
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** The parse error of a body, or undefined when it is JSON (or empty). */
export function bodyError(body: string): string | undefined {
  if (body.trim() === '') return undefined
  try {
    JSON.parse(body)
    return undefined
  } catch (error) {
    return `The body is not valid JSON: ${(error as Error).message}`
  }
}
