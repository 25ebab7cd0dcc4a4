// The persistence seam under the engine's local queue: memory keeps nothing, SQLite keeps rows. No policy here.
import type { DeadLetter, QueueMessage } from './queue.js'

/** A stored message and its place in the store's order (`seq` grows with every message stored). */
export interface StoredMessage {
  message: QueueMessage
  seq: number
}

/** A message read back from the store: left by a previous run, or paged out of memory in this one. */
export interface LoadedMessage extends StoredMessage {
  /** Its `attempts` already counts the interrupted deliveries as failed ones. */
  message: QueueMessage
  /** Deliveries that started but never finished: the process died (or closed) while a handler had it. */
  interrupted: number
}

export interface MessageStore {
  /** True when the store keeps every message, so the queue may hold only a window of them in memory. */
  readonly pages: boolean
  /**
   * Up to `limit` stored messages whose seq is above `afterSeq`, in enqueue order: pending, delayed, retrying
   * or in flight when a previous run ended. Writes queued before the call are visible to it.
   */
  loadPage(afterSeq: number, limit: number): LoadedMessage[]
  /** Resolves with each message's seq once the messages are stored as durably as the store allows. */
  insert(messages: QueueMessage[]): Promise<number[]>
  /** Records that a delivery of `message` starts, so a process death during it counts. Written lazily. */
  started(message: QueueMessage): void
  /** Forgets a delivered message. May be written lazily: redelivery after a crash is allowed. */
  remove(message: QueueMessage): void
  /** Records one more failed delivery (`message.attempts`) and its new visibleAt. May be written lazily. */
  reschedule(message: QueueMessage): void
  /** Moves a message to the dead letters. */
  deadLetter(message: QueueMessage, deadLetter: DeadLetter): Promise<void>
  listDeadLetters(): Promise<DeadLetter[]>
  /** Removes dead letter `id` and stores the message `revive` makes of it, in one step; undefined when unknown. */
  replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<StoredMessage | undefined>
  discardDeadLetter(id: string): Promise<boolean>
  /** Writes what is still pending and releases resources. */
  close(): Promise<void>
}
