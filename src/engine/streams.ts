import type { FlowContext, MotiaStream } from '../types.js'
import { unknownStream } from '../errors.js'
import type { InvocationScope } from './invocation-scope.js'

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

/**
 * One invocation's view of `ctx.streams`: a stream the handler kept (`const { messages } = ctx.streams`)
 * refuses to act once the invocation ended (E_INVOCATION_ENDED), as `ctx.state` does.
 */
export function scopedStreams(streams: FlowContext['streams'], scope: InvocationScope): FlowContext['streams'] {
  const scoped = new Map<string, MotiaStream>()
  return new Proxy(streams, {
    get(target, key) {
      if (typeof key === 'symbol' || PASSIVE_KEYS.has(key)) return Reflect.get(target, key)
      let stream = scoped.get(key)
      if (!stream) scoped.set(key, (stream = scopedStream(key, target[key]!, scope)))
      return stream
    },
  })
}

function scopedStream(name: string, stream: MotiaStream, scope: InvocationScope): MotiaStream {
  const call = `context.streams.${name}`
  return {
    get: (groupId, id) => scope.refusal(`${call}.get`) ?? stream.get(groupId, id),
    set: (groupId, id, data) => scope.refusal(`${call}.set`) ?? stream.set(groupId, id, data),
    delete: (groupId, id) => scope.refusal(`${call}.delete`) ?? stream.delete(groupId, id),
    getGroup: (groupId) => scope.refusal(`${call}.getGroup`) ?? stream.getGroup(groupId),
    send: (channel, event) => scope.refusal(`${call}.send`) ?? stream.send(channel, event),
  }
}
