// The in-memory queue: the engine's executor over a memory store, no persistence. For tests and benches.
import { MemoryMessageStore } from '../../adapters/memory/index.js'
import { LocalQueue } from './local-queue.js'
import type { LocalQueueOptions } from './queue-options.js'

/**
 * A queue that lives and dies with the process: messages and dead letters are lost on exit.
 * @example
 * const queue = new MemoryQueue({ backoff: { baseMs: 5, maxMs: 50 } })
 * queue.subscribe({ stepName: 'greet', type: 'standard', maxRetries: 2, concurrency: 4 }, async (m) => greet(m.data))
 * await queue.start()
 */
export class MemoryQueue extends LocalQueue {
  constructor(options?: LocalQueueOptions) {
    super(new MemoryMessageStore(), options)
  }
}
