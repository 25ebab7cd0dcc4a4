// Keeps nothing but the dead letters: the scheduler already holds every live message in memory.
import type { DeadLetter, QueueMessage } from '../queue.js'
import type { LoadedMessage, MessageStore, StoredMessage } from '../message-store.js'

export class MemoryMessageStore implements MessageStore {
  /** Nothing is kept outside the scheduler, so nothing can be paged out of memory. */
  readonly pages = false
  private readonly deadLetters = new Map<string, DeadLetter>()
  private seq = 0

  loadPage(): LoadedMessage[] {
    return []
  }

  started(): void {}

  async insert(messages: QueueMessage[]): Promise<number[]> {
    return messages.map(() => ++this.seq)
  }

  remove(): void {}

  reschedule(): void {}

  async deadLetter(_message: QueueMessage, deadLetter: DeadLetter): Promise<void> {
    this.deadLetters.set(deadLetter.id, deadLetter)
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    return [...this.deadLetters.values()].map((deadLetter) => ({ ...deadLetter }))
  }

  async replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<StoredMessage | undefined> {
    const deadLetter = this.deadLetters.get(id)
    if (!deadLetter) return undefined
    this.deadLetters.delete(id)
    return { message: revive(deadLetter), seq: ++this.seq }
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    return this.deadLetters.delete(id)
  }

  async close(): Promise<void> {}
}
