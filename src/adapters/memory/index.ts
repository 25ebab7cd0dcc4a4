// The in-memory adapters: no persistence, for tests and benches.
export { MemoryMessageStore } from './message-store.js'
export { MemoryStateStore } from './state-store.js'
export { MemoryStreamStore } from './stream-store.js'
