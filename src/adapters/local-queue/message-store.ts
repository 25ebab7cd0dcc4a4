// The persistence seam under LocalQueue: memory keeps nothing, SQLite keeps rows. Delivery policy stays out.
import type { DeadLetter, QueueMessage } from '../queue.js'

/** A message left by a previous run. */
export interface LoadedMessage {
  /** Its `attempts` already counts the interrupted deliveries as failed ones. */
  message: QueueMessage
  /** Deliveries that started but never finished: the process died (or closed) while a handler had it. */
  interrupted: number
}

export interface MessageStore {
  /** Messages left by a previous run (pending, delayed, retrying or in flight), in enqueue order. */
  load(): LoadedMessage[]
  /** Resolves once the messages are stored as durably as the store allows. */
  insert(messages: QueueMessage[]): Promise<void>
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
  replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<QueueMessage | undefined>
  discardDeadLetter(id: string): Promise<boolean>
  /** Writes what is still pending and releases resources. */
  close(): Promise<void>
}
