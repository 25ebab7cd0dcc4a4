// Keeps nothing but the dead letters: the scheduler already holds every live message in memory.
import type { DeadLetter, QueueMessage } from '../queue.js'
import type { LoadedMessage, MessageStore } from '../local-queue/message-store.js'

export class MemoryMessageStore implements MessageStore {
  private readonly deadLetters = new Map<string, DeadLetter>()

  load(): LoadedMessage[] {
    return []
  }

  started(): void {}

  async insert(): Promise<void> {}

  remove(): void {}

  reschedule(): void {}

  async deadLetter(_message: QueueMessage, deadLetter: DeadLetter): Promise<void> {
    this.deadLetters.set(deadLetter.id, deadLetter)
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    return [...this.deadLetters.values()].map((deadLetter) => ({ ...deadLetter }))
  }

  async replayDeadLetter(id: string, revive: (deadLetter: DeadLetter) => QueueMessage): Promise<QueueMessage | undefined> {
    const deadLetter = this.deadLetters.get(id)
    if (!deadLetter) return undefined
    this.deadLetters.delete(id)
    return revive(deadLetter)
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    return this.deadLetters.delete(id)
  }

  async close(): Promise<void> {}
}
