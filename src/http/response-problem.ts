import type { ApiResponse } from '../types.js'

/** What is wrong with a handler's result, or undefined when it is a usable ApiResponse. */
export function responseProblem(response: unknown): string | undefined {
  if (response === null || typeof response !== 'object') {
    return 'returned no response: expected an object `{ status, body, headers? }`'
  }
  const { status, headers } = response as Partial<ApiResponse>
  if (typeof status !== 'number') return 'returned a response without a numeric `status`'
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return `returned status ${status}: expected an integer HTTP status from 200 to 599`
  }
  if (headers !== undefined && (headers === null || typeof headers !== 'object')) {
    return 'returned `headers` that is not an object'
  }
  return undefined
}

/** The start of a value, for a log line. */
export function preview(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200)
  } catch {
    return String(value).slice(0, 200)
  }
}
