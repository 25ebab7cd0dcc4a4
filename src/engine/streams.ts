import type { FlowContext, MotiaStream } from '../types.js'
import { unknownStream } from '../streams/app-streams.js'

// Keys that inspection, JSON and promise checks read from any object: they must not throw.
const PASSIVE_KEYS = new Set(['then', 'toJSON', 'constructor', 'inspect'])

/**
 * `ctx.streams`: one entry per declared stream; naming another throws an error that lists the declared
 * ones, instead of `Cannot read properties of undefined`.
 */
export function contextStreams(streams: Record<string, MotiaStream>): FlowContext['streams'] {
  return new Proxy(streams as FlowContext['streams'], {
    get(target, key) {
      if (typeof key === 'symbol' || PASSIVE_KEYS.has(key) || Object.hasOwn(target, key)) return Reflect.get(target, key)
      throw unknownStream(key, Object.keys(target))
    },
  })
}
