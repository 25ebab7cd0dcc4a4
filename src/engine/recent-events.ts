// The last emitted events, numbered, for `GET /__motia/events`: how a test client outside the process
// (the Python kit's `watch`) sees what the app emitted. Off until the first read, so an app no test
// watches pays nothing; then a ring of the last RECENT_EVENTS_LIMIT events.
import type { EmittedEvent } from './emitter.js'

export const RECENT_EVENTS_LIMIT = 1000

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
  private readonly ring: RecentEvent[] = []
  private seq = 0
  private recording = false

  constructor(private readonly limit = RECENT_EVENTS_LIMIT) {}

  /** The emitter's `onEmit`. */
  readonly record = (event: EmittedEvent): void => {
    if (!this.recording) return
    // A copy: a handler that changes what it emitted must not change what a watcher reads.
    const recorded: RecentEvent = { seq: ++this.seq, topic: event.topic, data: structuredClone(event.data), traceId: event.traceId }
    if (event.messageGroupId !== undefined) recorded.messageGroupId = event.messageGroupId
    this.ring.push(recorded)
    if (this.ring.length > this.limit) this.ring.shift()
  }

  /** Starts recording (from this call on). Without `after`, no events: only where the sequence stands. */
  read(topic: string | undefined, after: number | undefined): RecentEventsPage {
    this.recording = true
    if (after === undefined) return { events: [], last: this.seq, dropped: 0 }
    const oldest = this.ring[0]?.seq ?? this.seq + 1
    const dropped = Math.max(0, oldest - after - 1)
    const events = this.ring.filter((event) => event.seq > after && (topic === undefined || event.topic === topic))
    return { events, last: this.seq, dropped }
  }
}
