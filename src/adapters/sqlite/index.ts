// The embedded, durable adapters: queue, dead letters and state in `<dir>/motia.db`.
export { SqliteQueue } from './queue.js'
export { SqliteStateStore } from './state-store.js'
export { SqliteStreamStore } from './stream-store.js'
export { DATABASE_FILE } from './database.js'
export { lockDirectory } from './directory-lock.js'
export type { LocalQueueOptions as SqliteQueueOptions } from '../local-queue/options.js'
export { DEFAULT_MEMORY_WINDOW } from '../local-queue/backlog.js'
