// The step-config validators `npm run build` writes into dist/ ahead of time must judge every config
// exactly as Ajv compiling config-schema.ts at start would: same verdict, same errors.
import { Ajv } from 'ajv'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFIG_AJV_OPTIONS, CONFIG_VALIDATOR_SCHEMAS, PRECOMPILED_FILE, type ConfigValidators } from '../../src/project/config-validators.js'
import { REPO } from '../helpers/motia-process.js'

const PRECOMPILED = join(REPO, 'dist/project', PRECOMPILED_FILE)

const CONFIGS: [keyof ConfigValidators, unknown][] = [
  ['event', { type: 'event', name: 'A', subscribes: ['a'], emits: ['b', { topic: 'c', label: 'C', conditional: true }], input: { type: 'object' } }],
  ['event', { type: 'event', name: '', subscribes: [''], emits: [{ label: 'x' }, 3], extra: 1, infrastructure: { handler: { timeout: 0 }, queue: { type: 'lifo', maxRetries: -1, visibilityTimeout: 0, concurrency: 1.5 } } }],
  ['api', { type: 'api', name: 'B', path: '/b/:id', method: 'POST', emits: [], responseSchema: { 200: {} }, queryParams: [{ name: 'q' }], middleware: ['auth'] }],
  ['api', { type: 'api', name: 'B', path: 'b', method: 'FETCH', emits: 'x', responseSchema: { 700: {}, 200: 'no' }, queryParams: [{}], bodySchema: 5 }],
  ['cron', { type: 'cron', name: 'C', cron: '* * * * *', emits: [], flows: ['f'] }],
  ['cron', { type: 'cron', name: 7, cron: '', emits: null, description: 1 }],
  ['noop', { type: 'noop', name: 'D', virtualEmits: ['x'], virtualSubscribes: ['y'] }],
  ['noop', { type: 'noop', name: 'D' }],
  ['base', { name: 'E' }],
  ['base', { name: null }],
]

describe('precompiled step-config validators', () => {
  it('are built into dist/', () => {
    expect(existsSync(PRECOMPILED)).toBe(true)
  })

  it.each(CONFIGS.map(([name, config], index) => [index, name, config] as const))('judge config %i (%s) as Ajv does', (_index, name, config) => {
    const precompiled = (createRequire(import.meta.url)(PRECOMPILED) as ConfigValidators)[name]
    const compiled = new Ajv(CONFIG_AJV_OPTIONS).compile(CONFIG_VALIDATOR_SCHEMAS[name])
    expect(precompiled(config)).toBe(compiled(config))
    expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null)
  })
})
