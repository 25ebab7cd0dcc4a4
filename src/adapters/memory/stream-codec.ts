// Shared by the stream stores: the JSON text form of items, and the closed-store error.
import { MotiaError } from '../../errors.js'
import type { StreamItem } from '../../types.js'

export function encodeStreamItem(stream: string, groupId: string, id: string, item: StreamItem): string {
  try {
    return JSON.stringify(item)
  } catch (error) {
    throw new MotiaError(
      'E_NOT_SERIALIZABLE',
      `Item "${id}" of group "${groupId}" in stream "${stream}" cannot be stored as JSON (${(error as Error).message}): store plain JSON values (no BigInt, functions or cycles).`,
      { cause: error, retryable: false },
    )
  }
}

export const decodeStreamItem = (text: string): StreamItem => JSON.parse(text) as StreamItem

export const streamsClosedError = () =>
  new MotiaError('E_SHUTTING_DOWN', 'The stream store is closed: open a new one (or restart the app) to read or write streams.')
