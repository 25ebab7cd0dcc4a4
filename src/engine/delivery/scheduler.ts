// The engine's delivery executor for the memory and SQLite queues: per-step lanes, concurrency, fifo groups,
// one timer for the earliest delayed or retrying message, retries with backoff and dead letters, and a
// bounded window of messages in memory (the Backlog pages the rest in from the store).
import type { DeliveryPolicy } from '../../adapters/delivery-policy.js'
import type { LoadedMessage, MessageStore, StoredMessage } from '../../adapters/message-store.js'
import type { DeadLetter, DeliveryHandler, QueueMessage, Subscription } from '../../adapters/queue.js'
import type { WireError } from '../../errors.js'
import { Backlog } from './backlog.js'
import { Lane, countHeld, type Entry } from './lane.js'
import { MinHeap } from './min-heap.js'
import { DELIVERIES_PER_TURN, TurnBudget } from './turn-budget.js'
import { jsonCopy } from '../../adapters/queue-messages.js'

export interface SchedulerOptions {
  store: MessageStore
  /** Every retry and dead-letter decision: the engine's one policy. */
  policy: DeliveryPolicy
  onError: (error: unknown) => void
  onDeadLetter?: (deadLetter: DeadLetter) => void
  onWarning: (message: string) => void
  /** Most messages held in memory for subscribed steps (and again for the others); Infinity: no paging. */
  window: number
}

// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1

export class Scheduler {
  private readonly lanes = new Map<string, Lane>()
  private readonly delays = new MinHeap<Entry>()
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity
  private running = false
  /** Once detached, late handler results are ignored: the store is closed, the rows stay for the next run. */
  private detached = false
  private inFlight = 0
  private idleWaiters: (() => void)[] = []
  /** Steps already reported as holding messages that nobody subscribes to. */
  private readonly reported = new Set<string>()
  /** Messages of unsubscribed steps read past but left in the store (beyond the window): for the warning. */
  private readonly leftInStore = new Map<string, number>()
  private readonly backlog: Backlog
  private readonly budget = new TurnBudget<Lane>(DELIVERIES_PER_TURN, (lane) => this.pump(lane))

  constructor(private readonly options: SchedulerOptions) {
    this.backlog = new Backlog(options.store, options.window)
  }

  get heldMessages(): number {
    const { subscribed, unsubscribed } = countHeld(this.lanes.values())
    return subscribed + unsubscribed
  }

  subscribe(subscription: Subscription, handler: DeliveryHandler): void {
    const lane = this.lane(subscription.stepName)
    lane.attach(subscription, handler)
    this.pump(lane)
  }

  unsubscribe(stepName: string): void {
    this.lanes.get(stepName)?.detach()
  }

  /** Takes messages that are already stored; those that do not fit the window (or queue behind paged-out ones) wait in the store. */
  add(stored: StoredMessage[]): void {
    if (this.detached) return
    const held = countHeld(this.lanes.values())
    const admitted: QueueMessage[] = []
    for (const { message, seq } of stored) {
      const subscribed = this.lanes.get(message.stepName)?.handler !== undefined
      const room = subscribed ? held.subscribed < this.backlog.window : held.unsubscribed < this.backlog.window
      if (!this.backlog.admit(seq, room)) continue
      admitted.push(message)
      if (subscribed) held.subscribed++
      else held.unsubscribed++
    }
    this.place(admitted)
    // Refused for want of room among unsubscribed steps' messages, one for a subscribed step must not wait for a settle.
    this.refill()
  }

  private place(messages: QueueMessage[]): void {
    const now = Date.now()
    const touched = new Set<Lane>()
    const steps = new Set<string>()
    for (const message of messages) {
      const entry: Entry = { message, state: message.visibleAt <= now ? 'ready' : 'waiting' }
      const lane = this.lane(message.stepName)
      lane.add(entry)
      if (entry.state === 'waiting') this.delays.push(message.visibleAt, entry)
      else touched.add(lane)
      steps.add(message.stepName)
    }
    // After all are placed, so the warning counts them all.
    for (const step of steps) this.reportIfUnsubscribed(step, this.lane(step))
    for (const lane of touched) this.pump(lane)
    this.arm()
  }

  start(): void {
    if (this.detached || this.running) return
    this.running = true
    this.refill()
    this.promoteDue()
    for (const [stepName, lane] of this.lanes) {
      this.reportIfUnsubscribed(stepName, lane)
      this.pump(lane)
    }
    this.arm()
  }

  /** Stops new deliveries; results of in-flight ones are still recorded. */
  stop(): void {
    this.running = false
    this.budget.cancel()
    clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
  }

  /** Resolves true when no handler is in flight, or false after `graceMs` (Infinity: no limit). */
  whenIdle(graceMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      // Past the timer limit setTimeout would fire at once: such a grace is no limit.
      const timeout = graceMs <= MAX_TIMER_MS ? setTimeout(() => resolve(false), graceMs) : undefined
      this.idleWaiters.push(() => {
        clearTimeout(timeout)
        resolve(true)
      })
    })
  }

  detach(): void {
    this.stop()
    this.detached = true
  }

  private lane(stepName: string): Lane {
    let lane = this.lanes.get(stepName)
    if (!lane) this.lanes.set(stepName, (lane = new Lane()))
    return lane
  }

  // Messages of a step that was renamed or deleted since they were stored stay stored (the step may come
  // back), but are never silent: the first time a running queue holds some, it says so once.
  private reportIfUnsubscribed(stepName: string, lane: Lane): void {
    const stored = lane.entries.size + (this.leftInStore.get(stepName) ?? 0)
    if (!this.running || lane.handler || stored === 0 || this.reported.has(stepName)) return
    this.reported.add(stepName)
    const count = stored === 1 ? '1 stored message' : `${stored} stored messages`
    this.options.onWarning(
      `${count} for step "${stepName}" wait, but no step of that name subscribes (was it renamed or removed?). They are kept, and delivered once a step named "${stepName}" subscribes.`,
    )
  }

  private pump(lane: Lane): void {
    while (this.running && lane.handler && lane.subscription && lane.inFlight < lane.subscription.concurrency) {
      if (!this.budget.take(lane)) return
      const entry = lane.next()
      if (!entry) return
      this.deliver(lane, entry, lane.subscription, lane.handler)
    }
  }

  private deliver(lane: Lane, entry: Entry, subscription: Subscription, handler: DeliveryHandler): void {
    this.options.store.started(entry.message)
    entry.state = 'inflight'
    lane.inFlight++
    this.inFlight++
    let delivery: Promise<void>
    try {
      // A copy, so a handler that mutates its message or its data cannot change what a retry receives.
      delivery = Promise.resolve(handler({ ...entry.message, data: jsonCopy(entry.message.data) }))
    } catch (error) {
      delivery = Promise.reject(error)
    }
    delivery.then(
      () => this.settle(lane, entry, subscription, undefined, false),
      (error: unknown) => this.settle(lane, entry, subscription, error, true),
    )
  }

  private settle(lane: Lane, entry: Entry, subscription: Subscription, error: unknown, failed: boolean): void {
    if (this.detached) return
    lane.inFlight--
    this.inFlight--
    if (!failed) {
      lane.remove(entry)
      this.options.store.remove(entry.message)
    } else {
      this.fail(lane, entry, subscription, error)
    }
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake()
    this.pump(lane)
    this.refill()
  }

  private fail(lane: Lane, entry: Entry, subscription: Subscription, error: unknown): void {
    const decision = this.options.policy.afterFailure(entry.message.attempts, subscription.maxRetries, error)
    if (decision.action === 'dead-letter') return this.deadLetter(lane, entry, decision.attempts, decision.error)
    const visibleAt = Date.now() + decision.delayMs
    entry.message = { ...entry.message, attempts: decision.attempts, visibleAt }
    // In a fifo lane the entry stays the head of its group, so the group waits for it: order holds.
    entry.state = 'waiting'
    this.delays.push(visibleAt, entry)
    this.options.store.reschedule(entry.message)
    this.arm()
  }

  // Once the window has drained to half, reads pages from the store until it is full again or the store is empty.
  private refill(): void {
    if (!this.running || !this.backlog.hasPagedOut) return
    const { window } = this.backlog
    const held = countHeld(this.lanes.values())
    if (held.subscribed > window / 2) return
    while (this.backlog.hasPagedOut && held.subscribed < window) {
      const page = this.backlog.nextPage(window - held.subscribed)
      const taken: QueueMessage[] = []
      for (const loaded of page) {
        const message = this.takeLoaded(loaded, held.unsubscribed < window)
        if (!message) continue
        taken.push(message)
        if (this.lanes.get(message.stepName)?.handler) held.subscribed++
        else held.unsubscribed++
      }
      this.place(taken)
    }
  }

  // The message to hold for a loaded one, or undefined when it is dead-lettered or left in the store. A delivery
  // interrupted by the death of the process counts as a failed attempt (as SQS counts receives), so a message whose
  // handler kills the process reaches the dead letters instead of crash-looping the app. Messages of a step nobody
  // subscribes to are kept as they are, up to the window; beyond it they stay in the store for a later start.
  private takeLoaded({ message, interrupted }: LoadedMessage, roomForUnsubscribed: boolean): QueueMessage | undefined {
    const lane = this.lane(message.stepName)
    const subscription = lane.handler ? lane.subscription : undefined
    if (!subscription) {
      if (roomForUnsubscribed) return message
      this.leftInStore.set(message.stepName, (this.leftInStore.get(message.stepName) ?? 0) + 1)
      this.reportIfUnsubscribed(message.stepName, lane)
      return undefined
    }
    if (interrupted === 0) return message
    const decision = this.options.policy.afterInterruption(message.attempts, interrupted, subscription.maxRetries)
    if (decision.action === 'dead-letter') {
      this.deadLetter(lane, { message, state: 'ready' }, decision.attempts, decision.error)
      return undefined
    }
    return { ...message, visibleAt: Math.max(message.visibleAt, Date.now() + decision.delayMs) }
  }

  private deadLetter(lane: Lane, entry: Entry, attempts: number, wire: WireError): void {
    lane.remove(entry)
    const message = { ...entry.message, attempts }
    const { id, stepName, topic, data, traceId, messageGroupId } = message
    const deadLetter: DeadLetter = { id, stepName, topic, data, traceId, attempts, error: wire, failedAt: Date.now() }
    if (messageGroupId !== undefined) deadLetter.messageGroupId = messageGroupId
    this.options.store
      .deadLetter(message, deadLetter)
      .then(() => this.options.onDeadLetter?.(deadLetter))
      .catch(this.options.onError)
  }

  // Arms the one timer for the earliest pending visibleAt; an earlier armed timer is kept, as it re-arms when it fires.
  private arm(): void {
    const at = this.delays.peekKey()
    if (!this.running || at === undefined) return
    if (this.timer && this.timerAt <= at) return
    clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.timerAt = Infinity
      this.promoteDue()
      this.arm()
    }, Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS))
  }

  private promoteDue(): void {
    const now = Date.now()
    const touched = new Set<Lane>()
    for (let at = this.delays.peekKey(); at !== undefined && at <= now; at = this.delays.peekKey()) {
      const entry = this.delays.pop()!
      // Skip stale heap items: the entry was delivered, removed, or rescheduled to another time since.
      if (entry.state !== 'waiting' || entry.message.visibleAt !== at) continue
      entry.state = 'ready'
      const lane = this.lane(entry.message.stepName)
      lane.becameReady(entry)
      touched.add(lane)
    }
    for (const lane of touched) this.pump(lane)
  }
}
