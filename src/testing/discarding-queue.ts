// The unit helper's queue: an emit is validated and recorded, then goes nowhere (no subscriber runs).
import type { Queue } from '../adapters/queue.js'

export const discardingQueue: Queue = {
  heldMessages: 0,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  enqueue: async () => undefined,
  start: async () => undefined,
  close: async () => undefined,
  listDeadLetters: async () => [],
  replayDeadLetter: async () => false,
  discardDeadLetter: async () => false,
}
