import { MotiaError } from '../errors.js'
import type { FlowContext } from '../types.js'

// Keys that inspection, JSON and promise checks read from any object: they must not throw.
const PASSIVE_KEYS = new Set(['then', 'toJSON', 'constructor', 'inspect'])

/**
 * `ctx.streams` while stream files (`*.stream.ts`, `*_stream.py`) are not loaded: it has no entries,
 * and naming a stream throws an error that says so, instead of `Cannot read properties of undefined`.
 */
export function noStreams(): FlowContext['streams'] {
  return new Proxy({} as FlowContext['streams'], {
    get(target, key) {
      if (typeof key === 'symbol' || PASSIVE_KEYS.has(key)) return Reflect.get(target, key)
      throw new MotiaError(
        'E_STEP_CONFIG',
        `No stream named "${key}": stream files (*.stream.ts, *_stream.py) are not supported by this version of motia, so ctx.streams has no entries. Keep the data in ctx.state instead.`,
        { retryable: false },
      )
    },
  })
}
