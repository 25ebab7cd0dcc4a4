// The seam that carries stream changes between the nodes of one app: with several `motia run` nodes on one
// Redis, a client connected to node 2 must see a write made on node 1. The embedded stores need none.
import type { StreamChange } from '../streams/stream-hub.js'

export interface StreamChangeBus {
  /** Tells the other nodes about a change made on this one (after it is stored); rejects when it cannot. */
  publish(change: StreamChange): Promise<void>
  /** Calls `listener` with each change made on another node (never this node's own); returns the unsubscribe function. */
  subscribe(listener: (change: StreamChange) => void): () => void
  close(): Promise<void>
}
