// The in-process queue machinery shared by the memory and SQLite queues.
export { LocalQueue, DEFAULT_CLOSE_GRACE_MS } from './local-queue.js'
export type { LocalQueueOptions } from './options.js'
export type { LoadedMessage, MessageStore, StoredMessage } from './message-store.js'
export { DEFAULT_MEMORY_WINDOW } from './backlog.js'
