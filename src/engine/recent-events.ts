// The last emitted events, numbered, for `GET /__motia/events`: how a test client outside the process
// (the Python kit's `watch`) sees what the app emitted. Off until the first read, so an app no test
// watches pays nothing; then a ring of the last RECENT_EVENTS_LIMIT events, and of RECENT_EVENTS_BYTES
// of their data at most (a thousand events of a megabyte each must not hold a gigabyte).
import type { EmittedEvent } from './emitter.js'

export const RECENT_EVENTS_LIMIT = 1000
export const RECENT_EVENTS_BYTES = 16 * 1024 * 1024

export interface RecentEvent extends EmittedEvent {
  /** 1, 2, 3, ... in emit order, over all topics. */
  seq: number
}

export interface RecentEventsPage {
  /** The recorded events after `after` (of `topic` when given), oldest first. */
  events: RecentEvent[]
  /** The newest seq: pass it as `after` next time. */
  last: number
  /** Events after `after` that the ring no longer holds (any topic): a reader this far behind missed them. */
  dropped: number
}

export class RecentEvents {
  private readonly ring: { event: RecentEvent; bytes: number }[] = []
  private bytes = 0
  private seq = 0
  private recording = false

  constructor(
    private readonly limit = RECENT_EVENTS_LIMIT,
    private readonly byteLimit = RECENT_EVENTS_BYTES,
  ) {}

  /** The emitter's `onEmit`. */
  readonly record = (event: EmittedEvent): void => {
    if (!this.recording) return
    // A copy: a handler that changes what it emitted must not change what a watcher reads.
    const recorded: RecentEvent = { seq: ++this.seq, topic: event.topic, data: structuredClone(event.data), traceId: event.traceId }
    if (event.messageGroupId !== undefined) recorded.messageGroupId = event.messageGroupId
    // The JSON size stands for the memory held; emitted data is JSON by contract.
    const bytes = JSON.stringify(recorded.data)?.length ?? 0
    this.ring.push({ event: recorded, bytes })
    this.bytes += bytes
    // The newest event stays, however large: a watcher must see the last emit.
    while (this.ring.length > 1 && (this.ring.length > this.limit || this.bytes > this.byteLimit)) {
      this.bytes -= this.ring.shift()?.bytes ?? 0
    }
  }

  /** Starts recording (from this call on). Without `after`, no events: only where the sequence stands. */
  read(topic: string | undefined, after: number | undefined): RecentEventsPage {
    this.recording = true
    if (after === undefined) return { events: [], last: this.seq, dropped: 0 }
    const oldest = this.ring[0]?.event.seq ?? this.seq + 1
    const dropped = Math.max(0, oldest - after - 1)
    const events = this.ring.map((entry) => entry.event).filter((event) => event.seq > after && (topic === undefined || event.topic === topic))
    return { events, last: this.seq, dropped }
  }
}
