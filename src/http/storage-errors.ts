import type { ApiResponse } from '../types.js'

/** Seconds a client is asked to wait after a storage failure (`retry-after` on 503). */
const STORAGE_RETRY_AFTER_SECONDS = 5

/**
 * The answer for a handler that failed because storage did (the adapters throw MotiaError
 * `E_STORAGE_FULL` or `E_STORAGE_FAILED`, possibly wrapped as the `cause` of another error):
 * 507 for a full disk, 503 with `retry-after` for a failed write. Undefined for any other error.
 */
export function storageErrorResponse(error: unknown): ApiResponse | undefined {
  const found = storageCause(error)
  if (found === undefined) return undefined
  const { code, message } = found
  if (code === 'E_STORAGE_FULL') return { status: 507, body: { error: 'Insufficient Storage', message, code } }
  return { status: 503, body: { error: 'Service Unavailable', message, code }, headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) } }
}

// Follows `cause` a few links deep (a cycle or a very long chain ends the search).
function storageCause(error: unknown): { code: 'E_STORAGE_FULL' | 'E_STORAGE_FAILED'; message: string } | undefined {
  let current = error
  for (let link = 0; link < 8 && current !== null && typeof current === 'object'; link++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown }
    if (code === 'E_STORAGE_FULL' || code === 'E_STORAGE_FAILED') return { code, message: String(message) }
    current = cause
  }
  return undefined
}
