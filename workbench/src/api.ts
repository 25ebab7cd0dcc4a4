// The Workbench talks only to the same-origin admin endpoints (`/__motia/*`).

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${status}`)
  }
}

async function read<T>(response: Response): Promise<T> {
  const text = await response.text()
  const body = text === '' ? undefined : (JSON.parse(text) as unknown)
  if (!response.ok) throw new AdminError(response.status, body)
  return body as T
}

export async function getJson<T>(path: string): Promise<T> {
  return read<T>(await fetch(path, { headers: { accept: 'application/json' } }))
}

/** POST, PUT or DELETE with an optional JSON body (the admin endpoints read JSON only). */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } }
  if (body !== undefined) init.body = JSON.stringify(body)
  if (body !== undefined) init.headers = { accept: 'application/json', 'content-type': 'application/json' }
  return read<T>(await fetch(path, init))
}
