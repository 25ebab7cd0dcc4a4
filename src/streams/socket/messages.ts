// Motia v0.x's stream socket protocol (reference §2.7): what clients send, and what the server answers.
import type { StreamChange } from '../stream-hub.js'

/** A subscription as the client names it: a group, or one item of it, with the client's own id. */
export interface JoinData {
  streamName: string
  groupId: string
  id?: string
  subscriptionId: string
}

export interface ClientMessage {
  type: 'join' | 'leave'
  data: JoinData
}

/** Where a server message is about: the fields every message carries, even an error. */
export interface MessageTarget {
  streamName?: string
  groupId?: string
  id?: string
}

// Error codes carried in `{ type: 'error', data: { code, message } }` events. The first is Motia v0.x's.
export const ACCESS_DENIED = 'STREAM_ACCESS_DENIED'
export const STREAM_NOT_FOUND = 'STREAM_NOT_FOUND'
export const BAD_MESSAGE = 'STREAM_BAD_MESSAGE'
export const STREAM_FAILED = 'STREAM_FAILED'
export const TOO_MANY_SUBSCRIPTIONS = 'STREAM_TOO_MANY_SUBSCRIPTIONS'

const isText = (value: unknown): value is string => typeof value === 'string' && value !== ''
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Parses one client frame; returns the problem as text when it is not a join or leave. */
export function parseClientMessage(text: string): ClientMessage | { problem: string; target: MessageTarget } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { problem: 'The message is not JSON: send `{"type":"join","data":{"streamName","groupId","id?","subscriptionId"}}`.', target: {} }
  }
  const data = isObject(value) && isObject(value.data) ? value.data : {}
  const target = targetOf(data)
  if (!isObject(value) || (value.type !== 'join' && value.type !== 'leave')) {
    const type = isObject(value) ? JSON.stringify(value.type) ?? 'undefined' : 'missing'
    return { problem: `Unknown message type ${type}: the server understands "join" and "leave".`, target }
  }
  const missing = ['streamName', 'groupId', 'subscriptionId'].filter((key) => !isText(data[key]))
  if (data.id !== undefined && data.id !== null && !isText(data.id)) missing.push('id')
  if (missing.length > 0) {
    return { problem: `The "${value.type}" message needs data.${missing.join(', data.')} as non-empty strings.`, target }
  }
  const join: JoinData = { streamName: data.streamName as string, groupId: data.groupId as string, subscriptionId: data.subscriptionId as string }
  if (isText(data.id)) join.id = data.id
  return { type: value.type, data: join }
}

// Only string fields are echoed back: an error event must be safe for the client to route.
function targetOf(data: Record<string, unknown>): MessageTarget {
  const target: MessageTarget = {}
  for (const key of ['streamName', 'groupId', 'id'] as const) if (typeof data[key] === 'string') target[key] = data[key]
  return target
}

/** The server's message, in Motia v0.x's field order: `{ timestamp, streamName, groupId, id?, event }`. */
export function serverMessage(timestamp: number, change: StreamChange | (MessageTarget & { event: unknown })): string {
  const { streamName, groupId, id, event } = change
  return JSON.stringify({ timestamp, streamName, groupId, id, event })
}

/** The sync a client gets when it joins: the item (or null) for an item, the items for a group. */
export function syncEvent(data: unknown): { type: 'sync'; data: unknown } {
  return { type: 'sync', data }
}

/** An error as Motia v0.x sends STREAM_ACCESS_DENIED: a custom event of type `error`. */
export function errorEvent(code: string, message: string): { type: 'event'; event: { type: 'error'; data: { code: string; message: string } } } {
  return { type: 'event', event: { type: 'error', data: { code, message } } }
}
