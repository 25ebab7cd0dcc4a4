// The running app's streams: `ctx.streams.<name>` for steps (TS in-process, Python through dispatch.ts)
// and the StreamHub the WebSocket server reads and listens to.
import type { StreamChangeBus } from '../adapters/stream-change-bus.js'
import type { StreamStore } from '../adapters/stream-store.js'
import { MotiaError, unknownStream } from '../errors.js'
import type { MotiaStream, StreamItem } from '../types.js'
import { withMarker, withoutMarker } from './item-marker.js'
import { schemaCheck, type CheckItem, type SchemaCheckOptions } from './schema-check.js'
import type { StreamChange, StreamHub, StreamSubscription } from './stream-hub.js'
import type { StreamDefinition } from './stream-definition.js'

export interface AppStreamsOptions extends SchemaCheckOptions {
  /** A listener that threw: logged, never the writer's failure (the item is already stored). */
  onListenerError: (error: unknown) => void
  /** Longest a stream's `canAccess` may take before the subscription is refused (default 10 s). */
  canAccessTimeoutMs?: number
  /** With several nodes (Redis): carries this node's changes to the others, and theirs to this node's listeners. */
  changes?: StreamChangeBus
}

export const DEFAULT_CAN_ACCESS_TIMEOUT_MS = 10_000

/**
 * @example
 * const streams = new AppStreams(definitions, new SqliteStreamStore('.motia'), { strict: false, warn, onListenerError })
 * streams.onChange((change) => console.log(change.event.type))
 * await streams.streams.messages!.set('room-1', 'm-1', { text: 'hi' }) // logs "create"
 */
export class AppStreams implements StreamHub {
  /** One MotiaStream per declared stream, by name: what `ctx.streams` holds. */
  readonly streams: Record<string, MotiaStream> = {}
  readonly #definitions = new Map<string, StreamDefinition>()
  readonly #store: StreamStore
  readonly #listeners = new Set<(change: StreamChange) => void>()
  readonly #options: AppStreamsOptions
  readonly #unsubscribeRemote?: () => void

  constructor(definitions: readonly StreamDefinition[], store: StreamStore, options: AppStreamsOptions) {
    this.#store = store
    this.#options = options
    // A change made on another node reaches this node's listeners (the socket server) as if made here.
    this.#unsubscribeRemote = options.changes?.subscribe((change) => this.#notify(change))
    for (const definition of definitions) {
      this.#definitions.set(definition.name, definition)
      this.streams[definition.name] = this.#stream(definition.name, schemaCheck(definition, options))
    }
  }

  /** Serves `definitions` from now on (a `motia dev` reload); stored items stay, a dropped stream becomes unknown. */
  redefine(definitions: readonly StreamDefinition[]): void {
    const names = new Set(definitions.map((definition) => definition.name))
    for (const name of [...this.#definitions.keys()].filter((name) => !names.has(name))) {
      this.#definitions.delete(name)
      delete this.streams[name]
    }
    for (const definition of definitions) {
      this.#definitions.set(definition.name, definition)
      this.streams[definition.name] = this.#stream(definition.name, schemaCheck(definition, this.#options))
    }
  }

  has(streamName: string): boolean {
    return this.#definitions.has(streamName)
  }

  async getItem(streamName: string, groupId: string, id: string): Promise<StreamItem | null> {
    this.#definition(streamName)
    return this.#store.get(streamName, groupId, id)
  }

  async getGroup(streamName: string, groupId: string): Promise<StreamItem[]> {
    this.#definition(streamName)
    return this.#store.getGroup(streamName, groupId)
  }

  /** The declared streams' names, in declaration order. */
  names(): string[] {
    return [...this.#definitions.keys()]
  }

  /** Ids of the groups of a stream that hold items (see StreamStore.groups). */
  async groups(streamName: string): Promise<string[]> {
    this.#definition(streamName)
    return this.#store.groups(streamName)
  }

  async canAccess(streamName: string, subscription: StreamSubscription, authContext: unknown): Promise<boolean> {
    const definition = this.#definition(streamName)
    if (!definition.hasCanAccess || !definition.runtime.canAccess) return true
    // A canAccess that never answers (a hung lookup) must not hold the subscription forever.
    const ms = this.#options.canAccessTimeoutMs ?? DEFAULT_CAN_ACCESS_TIMEOUT_MS
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(canAccessTimeout(definition, ms)), ms)
    })
    try {
      return await Promise.race([definition.runtime.canAccess(definition, subscription, authContext), timedOut])
    } finally {
      clearTimeout(timer)
    }
  }

  onChange(listener: (change: StreamChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    this.#unsubscribeRemote?.()
    await Promise.all([this.#store.close(), this.#options.changes?.close()])
  }

  #definition(streamName: string): StreamDefinition {
    const definition = this.#definitions.get(streamName)
    if (!definition) throw unknownStream(streamName, [...this.#definitions.keys()])
    return definition
  }

  /** To this node's listeners, then to the other nodes. Resolves once they are told (the store write is already done). */
  #publish(change: StreamChange): Promise<void> {
    this.#notify(change)
    return this.#options.changes?.publish(change) ?? Promise.resolve()
  }

  /** A change whose item is stored but that the other nodes may not hear of: logged, not the writer's failure. */
  #publishStored(change: StreamChange): void {
    this.#publish(change).catch(this.#options.onListenerError)
  }

  #notify(change: StreamChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change)
      } catch (error) {
        this.#options.onListenerError(error)
      }
    }
  }

  #stream(name: string, check: CheckItem): MotiaStream {
    const store = this.#store
    return {
      get: async (groupId, id) => {
        checkIds(name, 'get', groupId, id)
        const item = await store.get(name, groupId, id)
        return (item && withMarker(item, name, groupId)) as never
      },
      set: async (groupId, id, data) => {
        checkIds(name, 'set', groupId, id)
        if (typeof data !== 'object' || data === null || Array.isArray(data)) throw notAnObject(name, groupId, id, data)
        const fields = withoutMarker(data as Record<string, unknown>)
        check(groupId, id, fields)
        const item: StreamItem = { ...fields, id }
        const { created } = await store.set(name, groupId, id, item)
        this.#publishStored({ streamName: name, groupId, id, event: { type: created ? 'create' : 'update', data: item } })
        return withMarker(item, name, groupId) as never
      },
      delete: async (groupId, id) => {
        checkIds(name, 'delete', groupId, id)
        const old = await store.delete(name, groupId, id)
        if (!old) return null
        this.#publishStored({ streamName: name, groupId, id, event: { type: 'delete', data: old } })
        return withMarker(old, name, groupId) as never
      },
      getGroup: async (groupId) => {
        checkIds(name, 'getGroup', groupId)
        return (await store.getGroup(name, groupId)).map((item) => withMarker(item, name, groupId)) as never
      },
      send: async (channel, event) => {
        const { groupId, id } = (channel ?? {}) as { groupId?: unknown; id?: unknown }
        if (typeof groupId !== 'string' || (id !== undefined && id !== null && typeof id !== 'string')) {
          throw badArgument(`streams.${name}.send`, 'channel', channel, '{ groupId: string, id?: string }')
        }
        if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
          throw badArgument(`streams.${name}.send`, 'event', event, '{ type: string, data }')
        }
        const change: StreamChange = { streamName: name, groupId, event: { type: 'event', event: { type: event.type, data: event.data } } }
        if (typeof id === 'string') change.id = id
        // A custom event is stored nowhere: when the other nodes cannot be told, the send fails.
        await this.#publish(change)
      },
    }
  }
}

const canAccessTimeout = (stream: StreamDefinition, ms: number) =>
  new MotiaError(
    'E_HANDLER_TIMEOUT',
    `canAccess of stream "${stream.name}" (${stream.relativePath}) did not answer within ${ms / 1000} s: the subscription is refused. Make it answer faster (or fail).`,
    { retryable: false },
  )

function checkIds(stream: string, operation: string, groupId: unknown, id?: unknown): void {
  if (typeof groupId !== 'string') throw badArgument(`streams.${stream}.${operation}`, 'groupId', groupId, 'a string')
  if (operation !== 'getGroup' && typeof id !== 'string') throw badArgument(`streams.${stream}.${operation}`, 'id', id, 'a string')
}

const show = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

const badArgument = (call: string, name: string, value: unknown, expected: string) =>
  new MotiaError('E_BAD_OPTION', `Expected the \`${name}\` of ${call} to be ${expected}, got \`${show(value)}\` (${value === null ? 'null' : typeof value}).`, {
    retryable: false,
  })

const notAnObject = (stream: string, groupId: string, id: string, data: unknown) =>
  new MotiaError(
    'E_BAD_OPTION',
    `streams.${stream}.set("${groupId}", "${id}", data) needs data to be an object (the item's fields; the item gets \`id\` added), got \`${show(data)}\` (${data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data}). Wrap the value, e.g. { value }.`,
    { retryable: false },
  )
