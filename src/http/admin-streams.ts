// `/__motia/streams*`: what the Workbench's streams viewer lists. Read-only: steps own their streams.
import type { ApiResponse } from '../types.js'
import type { HttpRoute } from './options.js'

/** What the stream routes read: the app's declared streams and their store. */
export interface StreamsAdminApi {
  /** Each declared stream, with its count of groups holding items. */
  streams(): Promise<{ name: string; groups: number }[]>
  /** Ids of the groups holding items; undefined for a stream no file declares. */
  streamGroups(name: string): Promise<string[] | undefined>
  /** A group's items in creation order; undefined for a stream no file declares. */
  streamItems(name: string, groupId: string): Promise<unknown[] | undefined>
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body })
const unknownStream = (name: string, known: string[]): ApiResponse => ({
  status: 404,
  body: { error: `No stream "${name}". Streams: ${known.length === 0 ? '(none)' : known.map((stream) => `"${stream}"`).join(', ')}.`, stream: name },
})

export function streamRoutes(api: StreamsAdminApi): HttpRoute[] {
  const known = async () => (await api.streams()).map((stream) => stream.name)
  return [
    { method: 'GET', path: '/__motia/streams', handle: async () => ok(await api.streams()) },
    {
      method: 'GET',
      path: '/__motia/streams/:name',
      handle: async ({ pathParams: { name } }) => {
        const groups = await api.streamGroups(name!)
        return groups ? ok(groups) : unknownStream(name!, await known())
      },
    },
    {
      method: 'GET',
      path: '/__motia/streams/:name/:groupId',
      handle: async ({ pathParams: { name, groupId } }) => {
        const items = await api.streamItems(name!, groupId!)
        return items ? ok(items) : unknownStream(name!, await known())
      },
    },
  ]
}
