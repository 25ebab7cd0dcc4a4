// The default, durable queue: messages and dead letters in `<dir>/motia.db`, delivered from a bounded in-memory window.
import { openDatabase, SqliteMessageStore } from '../../adapters/sqlite/index.js'
import { LocalQueue } from './local-queue.js'
import { checkQueueOptions, type LocalQueueOptions } from './queue-options.js'

/**
 * A queue stored in SQLite (WAL, synchronous=NORMAL). `enqueue()` resolves once the messages are committed;
 * writes of the same tick share one transaction. Survives a crash or SIGKILL of the process (a power loss may
 * lose the last commits). Delivery is at-least-once: messages in flight at a crash are delivered again by the
 * next `start()`. Each started delivery is recorded (lazily, with the acks): one the process died during (crash,
 * kill, process.exit, or a handler still running when close()'s grace ran out) counts as a failed attempt at the
 * next `start()`, so a message that kills the process reaches the dead letters (E_DELIVERY_INTERRUPTED) once its
 * retries are spent. One process at a time should run a queue on a directory. At most `memoryWindow` messages
 * (default 10,000) are held in memory; a larger backlog stays in the database and is read in pages as the window
 * drains, in enqueue order. A full disk rejects enqueue() with `E_STORAGE_FULL`; acks it refuses are kept and
 * written once there is room.
 * @example
 * const queue = new SqliteQueue('.motia')
 * queue.subscribe({ stepName: 'greet', type: 'fifo', maxRetries: 3, concurrency: 8 }, async (m) => greet(m.data))
 * await queue.start()
 */
export class SqliteQueue extends LocalQueue {
  constructor(dir: string, options?: LocalQueueOptions) {
    const { onError } = checkQueueOptions(options)
    super(new SqliteMessageStore(openDatabase(dir), onError), options)
  }
}
