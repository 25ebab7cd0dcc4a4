// The in-memory adapters: no persistence, for tests and benches.
export { MemoryQueue } from './queue.js'
export { MemoryStateStore } from './state-store.js'
export type { LocalQueueOptions as MemoryQueueOptions } from '../local-queue/options.js'
export { MemoryStreamStore } from './stream-store.js'
