// State and stream calls of a traced invocation: one child span of its handler span per call.
import { toWireError } from '../errors.js'
import type { FlowContext, InternalStateManager, MotiaStream } from '../types.js'
import type { RecordedSpan } from './recorded-span.js'
import type { SpanAttributeValue, SpanKind } from './span.js'
import type { Tracer } from './tracer.js'

const PASSIVE_KEYS = new Set(['then', 'toJSON', 'constructor', 'inspect'])

function traced<T>(tracer: Tracer, parent: RecordedSpan, kind: SpanKind, name: string, attributes: Record<string, SpanAttributeValue>, call: () => T): T {
  const span = tracer.startSpan(parent.traceId, kind, name, parent.spanId, attributes)
  const failed = (error: unknown) => {
    span.attributes['error.message'] = toWireError(error).message
    tracer.endSpan(span, 'error')
  }
  let result: T
  try {
    result = call()
  } catch (error) {
    failed(error)
    throw error
  }
  if (!(result instanceof Promise)) {
    tracer.endSpan(span)
    return result
  }
  return result.then(
    (value) => (tracer.endSpan(span), value),
    (error: unknown) => {
      failed(error)
      throw error
    },
  ) as T
}

export function tracedState(state: InternalStateManager, tracer: Tracer, span: RecordedSpan): InternalStateManager {
  const op = <T>(name: string, group: string, key: string | undefined, call: () => T): T =>
    traced(tracer, span, 'state', `state.${name} ${group}`, key === undefined ? { op: name, group } : { op: name, group, key }, call)
  return {
    get: (groupId, key) => op('get', groupId, key, () => state.get(groupId, key)),
    set: (groupId, key, value) => op('set', groupId, key, () => state.set(groupId, key, value)),
    delete: (groupId, key) => op('delete', groupId, key, () => state.delete(groupId, key)),
    getGroup: (groupId) => op('getGroup', groupId, undefined, () => state.getGroup(groupId)),
    clear: (groupId) => op('clear', groupId, undefined, () => state.clear(groupId)),
  }
}

/** `ctx.streams` of a traced invocation; an unknown stream still throws the error that lists the declared ones. */
export function tracedStreams(streams: FlowContext['streams'], tracer: Tracer, span: RecordedSpan): FlowContext['streams'] {
  const wrapped = new Map<string, MotiaStream>()
  return new Proxy(streams, {
    get(target, key) {
      if (typeof key === 'symbol' || PASSIVE_KEYS.has(key)) return Reflect.get(target, key)
      let stream = wrapped.get(key)
      if (!stream) wrapped.set(key, (stream = tracedStream(key, target[key]!, tracer, span)))
      return stream
    },
  })
}

function tracedStream(name: string, stream: MotiaStream, tracer: Tracer, span: RecordedSpan): MotiaStream {
  const op = <T>(opName: string, group: string, id: string | undefined, call: () => T): T =>
    traced(tracer, span, 'stream', `stream.${opName} ${name}`, id === undefined ? { op: opName, stream: name, group } : { op: opName, stream: name, group, id }, call)
  return {
    get: (groupId, id) => op('get', groupId, id, () => stream.get(groupId, id)),
    set: (groupId, id, data) => op('set', groupId, id, () => stream.set(groupId, id, data)),
    delete: (groupId, id) => op('delete', groupId, id, () => stream.delete(groupId, id)),
    getGroup: (groupId) => op('getGroup', groupId, undefined, () => stream.getGroup(groupId)),
    send: (channel, event) => op('send', channel.groupId, channel.id, () => stream.send(channel, event)),
  }
}
