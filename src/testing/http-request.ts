// One request over real HTTP to the app under test, answered as `@motiadev/test`'s supertest responses were read.

export interface RequestOptions {
  /** Sent as JSON (a string is sent as it is); ignored by GET, which cannot carry a body over fetch. */
  body?: unknown
  headers?: Record<string, string>
  cookies?: Record<string, string>
}

export interface TestResponse {
  status: number
  /** Lower-case names, as supertest gives them. */
  headers: Record<string, string>
  /** The JSON body parsed, otherwise the text (undefined when empty). */
  body: any
  /** The raw text of the body. */
  text: string
}

export async function sendRequest(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined
  if (options.body !== undefined && method !== 'GET') {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  }
  if (options.cookies) {
    headers.cookie = Object.entries(options.cookies)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('; ')
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers, body })
  const text = await response.text()
  const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '')
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: text === '' ? undefined : isJson ? JSON.parse(text) : text,
    text,
  }
}
