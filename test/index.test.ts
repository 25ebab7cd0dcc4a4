import { describe, expect, it } from 'vitest'

describe('the `motia` module', () => {
  it('exports types, and at runtime only the config helpers (step files import types from it)', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual(['config', 'defineConfig'])
  })

  it('config() and defineConfig() return the config they are given', async () => {
    const { config, defineConfig } = await import('../src/index.js')
    const value = { compat: { undeclaredEmits: 'warn' as const } }
    expect(config(value)).toBe(value)
    expect(defineConfig(value)).toBe(value)
  })
})
