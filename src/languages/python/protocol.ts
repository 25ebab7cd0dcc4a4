// The Python runner protocol, version 1, as types and constants. The prose is runners/python/PROTOCOL.md.
import type { WireError } from '../../errors.js'
import type { EmitEvent } from '../../types.js'

export const PROTOCOL_VERSION = 1

/** A frame longer than this is a protocol error (PROTOCOL.md §2). */
export const MAX_FRAME_BYTES = 268_435_456

/** Every operation of PROTOCOL.md §4, by name. Strings, never numbers: a reorder must not change meaning. */
export const OPERATIONS = [
  'describe',
  'invoke',
  'cancel',
  'ping',
  'shutdown',
  'canAccess',
  'emit',
  'state.get',
  'state.set',
  'state.delete',
  'state.getGroup',
  'state.clear',
  'stream.get',
  'stream.set',
  'stream.delete',
  'stream.getGroup',
  'stream.send',
  'log',
] as const

export type Operation = (typeof OPERATIONS)[number]

export const MESSAGE_TYPES = ['hello', 'call', 'result', 'error', 'notify'] as const

export type MessageType = (typeof MESSAGE_TYPES)[number]

export type Params = Record<string, unknown>

export interface HelloMessage {
  type: 'hello'
  protocol: number
  pid: number
  python: string
  motia: string
}

export interface CallMessage {
  type: 'call'
  id: number
  method: string
  params: Params
}

export interface ResultMessage {
  type: 'result'
  id: number
  result: unknown
}

export interface ErrorMessage {
  type: 'error'
  id: number
  error: WireError
}

export interface NotifyMessage {
  type: 'notify'
  method: string
  params: Params
}

export type Message = HelloMessage | CallMessage | ResultMessage | ErrorMessage | NotifyMessage

export type InvocationKind = 'event' | 'api' | 'cron'

/** `invoke` params (core -> runner). */
export interface InvokeParams {
  file: string
  step: string
  kind: InvocationKind
  input: unknown
  traceId: string
  flows: string[]
  streams: string[]
}

/** `describe` result: the module's config, schemas already JSON Schema. */
export interface DescribeResult {
  config: Record<string, unknown>
}

/** `emit` params (runner -> core). */
export interface EmitParams {
  invocation: number
  event: EmitEvent
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** `log` notify params (runner -> core). */
export interface LogParams {
  invocation: number | null
  level: LogLevel
  message: string
  fields: Record<string, unknown> | null
}
