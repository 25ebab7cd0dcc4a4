// Event delivery, decided in the engine: the policy every adapter receives, and the local queue that carries it
// out in this process over a memory or SQLite message store.
export { LocalQueue, DEFAULT_CLOSE_GRACE_MS } from './local-queue.js'
export { MemoryQueue } from './memory-queue.js'
export { SqliteQueue } from './sqlite-queue.js'
export type { LocalQueueOptions, LocalQueueOptions as MemoryQueueOptions, LocalQueueOptions as SqliteQueueOptions } from './queue-options.js'
export { DEFAULT_MEMORY_WINDOW } from './backlog.js'
export { deliveryPolicy } from './policy.js'
