// The embedded, durable stores: queue rows, dead letters, state and stream items in `<dir>/motia.db`.
export { SqliteMessageStore } from './message-store.js'
export { SqliteStateStore } from './state-store.js'
export { SqliteStreamStore } from './stream-store.js'
export { DATABASE_FILE, openDatabase } from './database.js'
export { lockDirectory } from './directory-lock.js'
