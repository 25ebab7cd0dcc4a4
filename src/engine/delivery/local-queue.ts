// A Queue run inside this process: the engine's Scheduler delivers, a MessageStore (memory, SQLite) keeps the messages.
import { DEFAULT_GRACE_MS } from '../../defaults.js'
import { MotiaError } from '../../errors.js'
import type { DeadLetter, DeliveryHandler, NewMessage, Queue, Subscription } from '../../adapters/queue.js'
import type { MessageStore } from '../../adapters/message-store.js'
import { checkSubscription, revive, toQueueMessage } from '../../adapters/queue-messages.js'
import { checkQueueOptions, type LocalQueueOptions } from './queue-options.js'
import { Scheduler } from './scheduler.js'

export const DEFAULT_CLOSE_GRACE_MS = DEFAULT_GRACE_MS

export class LocalQueue implements Queue {
  private readonly scheduler: Scheduler
  private closing: Promise<void> | undefined
  private closed = false

  constructor(
    private readonly store: MessageStore,
    options?: LocalQueueOptions,
  ) {
    const checked = checkQueueOptions(options)
    // Messages of a previous run are read at start(), once the subscriptions are known.
    this.scheduler = new Scheduler({ ...checked, store, window: store.pages ? checked.memoryWindow : Number.POSITIVE_INFINITY })
  }

  /** Messages held in memory now (pending, delayed, retrying, in flight); a paging store holds the rest. */
  get heldMessages(): number {
    return this.scheduler.heldMessages
  }

  subscribe(subscription: Subscription, handler: DeliveryHandler): void {
    checkSubscription(subscription)
    if (typeof handler !== 'function') {
      throw new MotiaError('E_BAD_OPTION', `Expected the handler of step "${subscription.stepName}" to be a function, got \`${String(handler)}\` (${typeof handler}).`, { retryable: false })
    }
    this.scheduler.subscribe(subscription, handler)
  }

  unsubscribe(stepName: string): void {
    this.scheduler.unsubscribe(stepName)
  }

  async enqueue(messages: NewMessage[]): Promise<void> {
    this.assertOpen()
    const now = Date.now()
    const stored = messages.map((message) => toQueueMessage(message, now))
    if (stored.length === 0) return
    const seqs = await this.store.insert(stored)
    // Stored messages reach the scheduler in commit order, which is enqueue order: fifo relies on it.
    this.scheduler.add(stored.map((message, i) => ({ message, seq: seqs[i]! })))
  }

  async start(): Promise<void> {
    if (this.closing) throw this.closedError()
    this.scheduler.start()
  }

  /**
   * Stops new deliveries, waits up to `graceMs` for handlers in flight, then releases the store. In a durable
   * store, a handler that did not finish within the grace counts as an interrupted (failed) attempt at the next start.
   */
  close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.closing ??= (async () => {
      this.scheduler.stop()
      await this.scheduler.whenIdle(graceMs)
      this.scheduler.detach()
      this.closed = true
      await this.store.close()
    })()
    return this.closing
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    this.assertOpen()
    return this.store.listDeadLetters()
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    this.assertOpen()
    const replayed = await this.store.replayDeadLetter(id, (deadLetter) => revive(deadLetter, Date.now()))
    if (!replayed) return false
    this.scheduler.add([replayed])
    return true
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    this.assertOpen()
    return this.store.discardDeadLetter(id)
  }

  // Handlers still in flight during close() may enqueue (their emits must be kept), so only a closed store refuses.
  private assertOpen(): void {
    if (this.closed) throw this.closedError()
  }

  private closedError(): MotiaError {
    return new MotiaError('E_SHUTTING_DOWN', 'The queue is closed: create a new queue (or restart the app) to enqueue or deliver messages.')
  }
}
