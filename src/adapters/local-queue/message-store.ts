// The persistence seam under LocalQueue: memory keeps nothing, SQLite keeps rows. Delivery policy stays out.
import type { DeadLetter, QueueMessage } from '../queue.js'

export interface MessageStore {
  /** Messages left by a previous run (pending, delayed, retrying or in flight), in enqueue order. */
  load(): QueueMessage[]
  /** Resolves once the messages are stored as durably as the store allows. */
  insert(messages: QueueMessage[]): Promise<void>
  /** Forgets a delivered message. May be written lazily: redelivery after a crash is allowed. */
  remove(message: QueueMessage): void
  /** Records a new attempt count and visibleAt after a failed delivery. May be written lazily. */
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
