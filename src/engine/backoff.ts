// Retry delays: exponential backoff with "equal jitter" (half of the step fixed, half random).
import type { BackoffOptions } from '../adapters/delivery-policy.js'
import { MotiaError } from '../errors.js'

export type { BackoffOptions }

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 300_000 }

/**
 * Delay before retry number `attempt` (1 = the first retry): with `step = min(maxMs, baseMs * 2^(attempt-1))`,
 * the result lies in [step / 2, step], rounded to whole ms. The jitter spreads retries of a burst that
 * failed together, while the fixed half keeps a lower bound.
 * @example retryDelayMs(3, { baseMs: 1000, maxMs: 300_000 }) // between 2000 and 4000
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new MotiaError('E_BAD_OPTION', `Expected the retry \`attempt\` to be an integer >= 1, got \`${String(attempt)}\` (${typeof attempt}).`, { retryable: false })
  }
  // The exponent is capped so that a huge attempt count cannot turn the product into Infinity or NaN.
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt - 1, 52))
  const half = step / 2
  return Math.round(half + random() * half)
}

/** Checks backoff options where they enter (a queue constructor); returns them with defaults filled in. */
export function checkBackoffOptions(options: Partial<BackoffOptions> | undefined, name = 'backoff'): BackoffOptions {
  const merged = { ...DEFAULT_BACKOFF }
  for (const key of ['baseMs', 'maxMs'] as const) {
    // An option given as undefined (`{ maxMs: opts.maxMs }`) means "not set", as for every other option.
    if (options?.[key] !== undefined) merged[key] = options[key]
    const value: unknown = merged[key]
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new MotiaError('E_BAD_OPTION', `Expected the \`${name}.${key}\` option to be a non-negative number, got \`${String(value)}\` (${typeof value}).`, { retryable: false })
    }
  }
  if (merged.maxMs < merged.baseMs) {
    throw new MotiaError('E_BAD_OPTION', `Expected the \`${name}.maxMs\` option (${merged.maxMs}) to be at least \`${name}.baseMs\` (${merged.baseMs}).`, { retryable: false })
  }
  return merged
}
