export interface AdminTarget {
  host: string
  port: number
  token?: string
}

/** Calls a running app's `/__motia/*` endpoint (bodies as JSON, which it requires); the error names the likely fix. */
export async function callAdmin(target: AdminTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `http://${target.host}:${target.port}/__motia/${path}`
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (target.token) headers.authorization = `Bearer ${target.token}`
  let response: Response
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch (error) {
    throw new Error(`No app answers at ${url}: start it with \`motia dev\` (or pass --port). (${(error as Error).cause ?? (error as Error).message})`)
  }
  const text = await response.text()
  const parsed: unknown = text ? JSON.parse(text) : undefined
  if (response.status === 401) {
    throw new Error(
      'The app refused the admin token: set MOTIA_ADMIN_TOKEN to the token the app was started with (`motia dev` on a non-loopback host prints the one it generated).',
    )
  }
  if (response.status === 404 && path !== '' && !(parsed && typeof parsed === 'object' && 'id' in parsed)) {
    const message = (parsed as { error?: string } | undefined)?.error
    throw new Error(message && message !== 'Not Found' ? message : `Not found: ${url}. Admin endpoints are open in \`motia dev\`, or in \`motia run\` with MOTIA_ADMIN_TOKEN set.`)
  }
  if (!response.ok) {
    const { error, message } = (parsed ?? {}) as { error?: string; message?: string }
    throw new Error(message ?? error ?? `HTTP ${response.status}`)
  }
  return parsed
}
