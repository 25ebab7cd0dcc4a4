import { describe, expect, it } from 'vitest'
import { machinePoolSize, resolvePoolSize } from '../../../src/languages/python/pool-size.js'

describe('machinePoolSize', () => {
  // cores -> runners: two to four.
  const cases: [number, number][] = [
    [1, 2],
    [2, 2],
    [3, 3],
    [4, 4],
    [16, 4],
  ]
  for (const [cores, runners] of cases) {
    it(`starts ${runners} runners on ${cores} cores`, () => {
      expect(machinePoolSize(cores)).toBe(runners)
    })
  }

  it('is the default when neither the option nor MOTIA_PYTHON_WORKERS is set', () => {
    expect(resolvePoolSize(undefined, {})).toBe(machinePoolSize())
    expect(resolvePoolSize(undefined, { MOTIA_PYTHON_WORKERS: '7' })).toBe(7)
  })
})
