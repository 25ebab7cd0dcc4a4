import type { ApiResponse } from '../types.js'

/** Seconds a client is asked to wait after a storage failure (`retry-after` on 503). */
const STORAGE_RETRY_AFTER_SECONDS = 5

type KnownCode = 'E_STORAGE_FULL' | 'E_STORAGE_FAILED' | 'E_REDIS_UNAVAILABLE' | 'E_HANDLER_TIMEOUT'

const ANSWERS: Record<KnownCode, { status: number; error: string; headers?: Record<string, string> }> = {
  E_STORAGE_FULL: { status: 507, error: 'Insufficient Storage' },
  E_STORAGE_FAILED: { status: 503, error: 'Service Unavailable', headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) } },
  // State or stream calls while the app's Redis is away: the same request succeeds once it is back.
  E_REDIS_UNAVAILABLE: { status: 503, error: 'Service Unavailable', headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) } },
  E_HANDLER_TIMEOUT: { status: 504, error: 'Gateway Timeout' },
}

/**
 * The answer for a handler that failed in a way the client should know about, instead of a bare 500:
 * storage refused a write (the adapters throw MotiaError `E_STORAGE_FULL`: 507, `E_STORAGE_FAILED`: 503
 * with `retry-after`; Redis away, `E_REDIS_UNAVAILABLE`: 503 too), or the handler ran past its deadline (`E_HANDLER_TIMEOUT`: 504). The code may sit
 * on a `cause` of the error thrown. Undefined for any other error.
 */
export function failureResponse(error: unknown): ApiResponse | undefined {
  const found = knownCause(error)
  if (found === undefined) return undefined
  const { status, error: title, headers } = ANSWERS[found.code]
  const response: ApiResponse = { status, body: { error: title, message: found.message, code: found.code } }
  if (headers) response.headers = headers
  return response
}

// Follows `cause` a few links deep (a cycle or a very long chain ends the search).
function knownCause(error: unknown): { code: KnownCode; message: string } | undefined {
  let current = error
  for (let link = 0; link < 8 && current !== null && typeof current === 'object'; link++) {
    const { code: own, message, cause, wire } = current as { code?: unknown; message?: unknown; cause?: unknown; wire?: { code?: unknown } }
    // A Python step's error comes back as a RemoteError, its code on `wire`.
    const code = own ?? wire?.code
    if (typeof code === 'string' && Object.hasOwn(ANSWERS, code)) return { code: code as KnownCode, message: String(message) }
    current = cause
  }
  return undefined
}
