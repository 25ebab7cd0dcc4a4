// One step's messages and the order it may receive them in: a ready list (standard) or per-group lines (fifo).
import type { DeliveryHandler, QueueMessage, Subscription } from '../../adapters/queue.js'
import { Deque } from './deque.js'

/** waiting: visibleAt is in the future; ready: may be delivered; inflight: a handler has it; done: gone. */
export type EntryState = 'waiting' | 'ready' | 'inflight' | 'done'

export interface Entry {
  message: QueueMessage
  state: EntryState
}

interface Group {
  key: string | undefined
  line: Deque<Entry>
  queued: boolean
}

export class Lane {
  /** Every live message of the step, in enqueue order (Map keeps insertion order). */
  readonly entries = new Map<string, Entry>()
  subscription: Subscription | undefined
  handler: DeliveryHandler | undefined
  inFlight = 0
  private fifo = false
  private ready = new Deque<Entry>()
  // fifo: one line per messageGroupId (undefined = the default group); only a line's head is deliverable.
  private groups = new Map<string | undefined, Group>()
  private readyGroups = new Deque<Group>()

  /** Attaches a subscription and re-sorts the stored messages for its type. */
  attach(subscription: Subscription, handler: DeliveryHandler): void {
    this.subscription = subscription
    this.handler = handler
    this.fifo = subscription.type === 'fifo'
    this.ready = new Deque()
    this.groups = new Map()
    this.readyGroups = new Deque()
    for (const entry of this.entries.values()) this.place(entry)
    for (const group of this.groups.values()) this.queueIfHeadReady(group)
  }

  detach(): void {
    this.subscription = undefined
    this.handler = undefined
  }

  add(entry: Entry): void {
    this.entries.set(entry.message.id, entry)
    const group = this.place(entry)
    if (group) this.queueIfHeadReady(group)
  }

  /** Called when a waiting entry's visibleAt has come. */
  becameReady(entry: Entry): void {
    if (!this.fifo) this.ready.push(entry)
    else {
      const group = this.groups.get(entry.message.messageGroupId)
      if (group) this.queueIfHeadReady(group)
    }
  }

  /** The next entry that may be delivered now, or undefined. */
  next(): Entry | undefined {
    if (!this.fifo) {
      for (let entry = this.ready.shift(); entry; entry = this.ready.shift()) {
        if (entry.state === 'ready') return entry
      }
      return undefined
    }
    for (let group = this.readyGroups.shift(); group; group = this.readyGroups.shift()) {
      group.queued = false
      const head = this.head(group)
      if (head?.state === 'ready') return head
    }
    return undefined
  }

  /** Forgets an entry that was acknowledged or dead-lettered; unblocks its fifo group. */
  remove(entry: Entry): void {
    entry.state = 'done'
    this.entries.delete(entry.message.id)
    const group = this.groups.get(entry.message.messageGroupId)
    if (group) this.queueIfHeadReady(group)
  }

  private place(entry: Entry): Group | undefined {
    if (!this.fifo) {
      if (entry.state === 'ready') this.ready.push(entry)
      return undefined
    }
    const key = entry.message.messageGroupId
    let group = this.groups.get(key)
    if (!group) {
      group = { key, line: new Deque(), queued: false }
      this.groups.set(key, group)
    }
    group.line.push(entry)
    return group
  }

  // The first live entry of a group; drops finished ones and empty groups on the way.
  private head(group: Group): Entry | undefined {
    while (group.line.peek()?.state === 'done') group.line.shift()
    const head = group.line.peek()
    if (!head && this.groups.get(group.key) === group) this.groups.delete(group.key)
    return head
  }

  private queueIfHeadReady(group: Group): void {
    if (!group.queued && this.head(group)?.state === 'ready') {
      group.queued = true
      this.readyGroups.push(group)
    }
  }
}

/** Messages held in memory by these lanes, for subscribed steps and for the others. */
export function countHeld(lanes: Iterable<Lane>): { subscribed: number; unsubscribed: number } {
  const held = { subscribed: 0, unsubscribed: 0 }
  for (const lane of lanes) {
    if (lane.handler) held.subscribed += lane.entries.size
    else held.unsubscribed += lane.entries.size
  }
  return held
}
