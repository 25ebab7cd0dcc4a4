import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, checkBackoffOptions, retryDelayMs } from '../../src/engine/backoff.js'

describe('retryDelayMs', () => {
  const options = { baseMs: 1000, maxMs: 300_000 }
  // Worked out by hand, not by the formula under test: [attempt, baseMs, maxMs, random()] -> delay.
  const cases: [number, number, number, number, number][] = [
    [1, 1000, 300_000, 0, 500],
    [1, 1000, 300_000, 0.5, 750],
    [1, 1000, 300_000, 0.999_999_9, 1000],
    [2, 1000, 300_000, 0, 1000],
    [2, 1000, 300_000, 0.123, 1123],
    [2, 1000, 300_000, 0.5, 1500],
    [3, 1000, 300_000, 0.5, 3000],
    [5, 1000, 300_000, 0, 8000],
    [9, 1000, 300_000, 0.999_999_9, 256_000],
    [10, 1000, 300_000, 0, 150_000],
    [10, 1000, 300_000, 0.1, 165_000],
    [50, 1000, 300_000, 0.5, 225_000],
    [5000, 1000, 300_000, 0.999_999_9, 300_000],
    [3, 100, 1000, 0.2, 240],
    [1, 5, 20, 0, 3],
    [2, 5, 20, 0.5, 8],
    [4, 5, 20, 0.999_999, 20],
    [5000, 0, 0, 0.7, 0],
  ]

  for (const [attempt, baseMs, maxMs, random, delay] of cases) {
    it(`attempt ${attempt}, base ${baseMs}, max ${maxMs}, random ${random} waits ${delay} ms`, () => {
      expect(retryDelayMs(attempt, { baseMs, maxMs }, () => random)).toBe(delay)
    })
  }

  it('draws whole milliseconds between the fixed half and the whole step with Math.random', () => {
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(3, options)
      expect(delay).toBeGreaterThanOrEqual(2000)
      expect(delay).toBeLessThanOrEqual(4000)
      expect(Number.isInteger(delay)).toBe(true)
    }
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
