// Group commit: every write asked for in the same tick runs in one transaction, flushed on setImmediate.
import type Database from 'better-sqlite3'

type Write = () => void

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

/** A queued write; `waiter` is absent for lazy writes. */
interface Pending {
  write: Write
  waiter?: Waiter
}

// process.exit() (a step may call it) and an uncaught error run 'exit' listeners synchronously, and the
// SQLite calls are synchronous: writes still queued (a delivery's start, acks) are committed there.
const live = new Set<WriteBatcher>()
let exitHooked = false
function flushOnExit(batcher: WriteBatcher): void {
  live.add(batcher)
  if (exitHooked) return
  exitHooked = true
  process.on('exit', () => {
    for (const open of live) {
      open.beforeExit?.()
      open.flush()
    }
  })
}

export class WriteBatcher {
  private pending: Pending[] = []
  private scheduled = false
  private closed = false

  constructor(
    private readonly db: Database.Database,
    private readonly onError: (error: unknown) => void,
    /** Runs on process exit just before the last flush, to queue writes held back until then. */
    readonly beforeExit?: () => void,
  ) {
    flushOnExit(this)
  }

  /** Resolves once `write` is committed. */
  write(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('The SQLite queue store is closed.'))
      this.pending.push({ write, waiter: { resolve, reject } })
      this.schedule()
    })
  }

  /** Queues a write nobody waits for (acks, retry updates); a failure goes to onError. */
  writeLazily(write: Write): void {
    if (this.closed) return
    this.pending.push({ write })
    this.schedule()
  }

  /** Commits everything queued so far, now. */
  flush(): void {
    if (this.pending.length === 0 || this.closed) return
    const batch = this.pending
    this.pending = []
    try {
      this.db.transaction(() => {
        for (const { write } of batch) write()
      })()
    } catch (error) {
      // One write that cannot be stored (e.g. too big for the space left) must not fail the other callers'
      // writes: commit each on its own. A locked database would fail each alike, after its own busy wait.
      const lazyError = batch.length === 1 || isLocked(error) ? this.fail(batch, error) : this.commitEach(batch)
      // Lazy writes (acks, retry updates) that failed are reported once per flush, not once per write.
      if (lazyError !== undefined) this.onError(lazyError.error)
      return
    }
    for (const { waiter } of batch) waiter?.resolve()
  }

  /** Flushes and refuses further flushes (the connection is about to close). */
  close(): void {
    this.flush()
    this.closed = true
    live.delete(this)
  }

  // Each write in its own transaction; returns the error of the first lazy write that failed.
  private commitEach(batch: Pending[]): { error: unknown } | undefined {
    let lazyError: { error: unknown } | undefined
    for (const pending of batch) {
      try {
        this.db.transaction(pending.write)()
        pending.waiter?.resolve()
      } catch (error) {
        lazyError ??= this.fail([pending], error)
      }
    }
    return lazyError
  }

  // Rejects the waiters; returns the error when a lazy write is among the failed.
  private fail(batch: Pending[], error: unknown): { error: unknown } | undefined {
    let lazy = false
    for (const { waiter } of batch) {
      if (waiter) waiter.reject(error)
      else lazy = true
    }
    return lazy ? { error } : undefined
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

// SQLITE_BUSY / SQLITE_LOCKED and their extended codes: another connection holds the lock.
function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}
