// Motia v0.x returned stream items to steps with `__motia: { type: 'state-stream', streamName, groupId, id }`
// (reference §2.6): kept on what steps get back, never stored, never pushed to WebSocket clients.
import type { StreamItem } from '../types.js'

export const MARKER = '__motia'

/** `item` as a step gets it: with v0.x's `__motia` marker. */
export function withMarker(item: StreamItem, streamName: string, groupId: string): StreamItem {
  return { ...item, [MARKER]: { type: 'state-stream', streamName, groupId, id: item.id } }
}

/** `data` as stored: an item a step read and writes back loses the marker it was given. */
export function withoutMarker(data: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(data, MARKER)) return data
  const { [MARKER]: _marker, ...rest } = data
  return rest
}
