// Group commit: every write asked for in the same tick runs in one transaction, flushed on setImmediate.
import type Database from 'better-sqlite3'

type Write = () => void

export class WriteBatcher {
  private writes: Write[] = []
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = []
  private scheduled = false
  private closed = false

  constructor(
    private readonly db: Database.Database,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once `write` is committed. */
  write(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('The SQLite queue store is closed.'))
      this.writes.push(write)
      this.waiters.push({ resolve, reject })
      this.schedule()
    })
  }

  /** Queues a write nobody waits for (acks, retry updates); a failure goes to onError. */
  writeLazily(write: Write): void {
    if (this.closed) return
    this.writes.push(write)
    this.schedule()
  }

  /** Commits everything queued so far, now. */
  flush(): void {
    if (this.writes.length === 0 || this.closed) return
    const writes = this.writes
    const waiters = this.waiters
    this.writes = []
    this.waiters = []
    try {
      this.db.transaction(() => {
        for (const write of writes) write()
      })()
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error)
      if (writes.length > waiters.length) this.onError(error)
      return
    }
    for (const waiter of waiters) waiter.resolve()
  }

  /** Flushes and refuses further flushes (the connection is about to close). */
  close(): void {
    this.flush()
    this.closed = true
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.flush()
    })
  }
}
