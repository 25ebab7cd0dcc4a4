// The streams viewer's endpoints (src/http/admin-streams.ts).
import { getJson } from '../api.js'

export interface StreamSummary {
  name: string
  /** How many groups hold items. */
  groups: number
}

export type StreamItem = { id: string } & Record<string, unknown>

const at = (...parts: string[]) => `/__motia/streams${parts.map((part) => `/${encodeURIComponent(part)}`).join('')}`

export const streamsApi = {
  streams: () => getJson<StreamSummary[]>(at()),
  groups: (stream: string) => getJson<string[]>(at(stream)),
  items: (stream: string, groupId: string) => getJson<StreamItem[]>(at(stream, groupId)),
}
