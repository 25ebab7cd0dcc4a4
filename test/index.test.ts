import { describe, expect, it } from 'vitest'

describe('the `motia` module', () => {
  it('exports only types at runtime (step files import types from it)', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual([])
  })
})
