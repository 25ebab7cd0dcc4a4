import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, checkBackoffOptions, retryDelayMs } from '../../src/engine/backoff.js'

describe('retryDelayMs', () => {
  const options = { baseMs: 1000, maxMs: 300_000 }
  // attempt -> [lowest, highest]: half of min(maxMs, baseMs * 2^(attempt-1)) up to all of it.
  const bounds: [number, number, number][] = [
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [5, 8000, 16_000],
    [9, 128_000, 256_000],
    [10, 150_000, 300_000],
    [50, 150_000, 300_000],
    [5000, 150_000, 300_000],
  ]

  for (const [attempt, low, high] of bounds) {
    it(`attempt ${attempt} lies in [${low}, ${high}]`, () => {
      expect(retryDelayMs(attempt, options, () => 0)).toBe(low)
      expect(retryDelayMs(attempt, options, () => 0.999_999_9)).toBe(high)
      for (let i = 0; i < 200; i++) {
        const delay = retryDelayMs(attempt, options)
        expect(delay).toBeGreaterThanOrEqual(low)
        expect(delay).toBeLessThanOrEqual(high)
        expect(Number.isInteger(delay)).toBe(true)
      }
    })
  }

  it('uses the random half: the midpoint for 0.5', () => {
    expect(retryDelayMs(2, options, () => 0.5)).toBe(1500)
  })

  it('handles tiny and zero bases', () => {
    expect(retryDelayMs(1, { baseMs: 5, maxMs: 20 }, () => 0)).toBe(3)
    expect(retryDelayMs(4, { baseMs: 5, maxMs: 20 }, () => 0.999_999)).toBe(20)
    expect(retryDelayMs(1000, { baseMs: 0, maxMs: 0 })).toBe(0)
  })

  it('rejects an attempt that is not an integer >= 1', () => {
    for (const attempt of [0, -1, 1.5, Number.NaN]) {
      expect(() => retryDelayMs(attempt, options)).toThrow(`Expected the retry \`attempt\` to be an integer >= 1, got \`${attempt}\` (number).`)
    }
  })

  it('has the documented defaults', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1000, maxMs: 300_000 })
  })
})

describe('checkBackoffOptions', () => {
  it('fills in defaults', () => {
    expect(checkBackoffOptions(undefined)).toEqual(DEFAULT_BACKOFF)
    expect(checkBackoffOptions({ baseMs: 5 })).toEqual({ baseMs: 5, maxMs: 300_000 })
  })

  it('treats an option given as undefined as not set', () => {
    expect(checkBackoffOptions({ baseMs: 5, maxMs: undefined })).toEqual({ baseMs: 5, maxMs: 300_000 })
    expect(checkBackoffOptions({ baseMs: undefined, maxMs: 2000 })).toEqual({ baseMs: 1000, maxMs: 2000 })
  })

  it('names the bad option, its value and type', () => {
    expect(() => checkBackoffOptions({ baseMs: -1 })).toThrow('Expected the `backoff.baseMs` option to be a non-negative number, got `-1` (number).')
    expect(() => checkBackoffOptions({ maxMs: '10' as unknown as number })).toThrow('Expected the `backoff.maxMs` option to be a non-negative number, got `10` (string).')
    expect(() => checkBackoffOptions({ baseMs: 10, maxMs: 5 })).toThrow('Expected the `backoff.maxMs` option (5) to be at least `backoff.baseMs` (10).')
  })
})
