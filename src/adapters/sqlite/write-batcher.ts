// Group commit: every write asked for in the same tick runs in one transaction, flushed on setImmediate.
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { isLocked, isTransient, storageError } from './storage-error.js'

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

/** First and longest wait before lazy writes refused by a full disk are tried again. */
export const RETRY_KEPT_WRITES_MS = { first: 100, max: 5_000 }

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
      try {
        open.beforeExit?.()
        open.close()
      } catch {
        // One store that cannot be flushed must not keep the others from flushing.
      }
    }
  })
}

/**
 * Every write settles: a waited write resolves or rejects with `E_STORAGE_FULL` / `E_STORAGE_FAILED`; a lazy
 * write (acks, retry updates, delivery counts) that a transient failure refuses is kept and tried again on a
 * backoff timer, so a full disk does not turn every acknowledged message into a redelivery after a restart.
 */
export class WriteBatcher {
  private pending: Pending[] = []
  /** Lazy writes refused by a transient failure (a full disk), waiting for the retry timer. */
  private kept: Write[] = []
  private scheduled = false
  private retryTimer: NodeJS.Timeout | undefined
  private retryDelayMs = RETRY_KEPT_WRITES_MS.first
  private closed = false
  /** An outage was reported and has not ended yet: one report per outage, not per write or retry. */
  private failing = false
  private readonly dir: string

  constructor(
    private readonly db: Database.Database,
    private readonly onError: (error: unknown) => void,
    /** Runs on process exit just before the last flush, to queue writes held back until then. */
    readonly beforeExit?: () => void,
  ) {
    this.dir = dirname(db.name)
    flushOnExit(this)
  }

  /** Resolves once `write` is committed; rejects with a MotiaError (the SQLite error as its cause). */
  write(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('The SQLite queue store is closed.'))
      this.pending.push({ write, waiter: { resolve, reject } })
      this.schedule()
    })
  }

  /** Queues a write nobody waits for (acks, retry updates); kept and retried when the disk is full. */
  writeLazily(write: Write): void {
    if (this.closed) return
    this.pending.push({ write })
    this.schedule()
  }

  /** Lazy writes waiting for space (or the lock) to be tried again. */
  get keptWrites(): number {
    return this.kept.length
  }

  /** Commits everything queued so far, now. */
  flush(): void {
    if (this.pending.length === 0 || this.closed) return
    const batch = this.pending
    this.pending = []
    this.commit(batch)
  }

  /** Flushes, tries the kept writes once more, and refuses further writes (the connection is about to close). */
  close(): void {
    if (this.closed) return
    this.flush()
    clearTimeout(this.retryTimer)
    this.retryKept()
    clearTimeout(this.retryTimer)
    this.closed = true
    live.delete(this)
    if (this.kept.length > 0) {
      this.report(new Error(`${this.kept.length} acknowledgement(s) or retry update(s) could not be written before close: those messages are delivered again on the next start.`))
    }
  }

  private commit(batch: Pending[]): void {
    try {
      this.db.transaction(() => {
        for (const { write } of batch) write()
      })()
    } catch (error) {
      // One write that cannot be stored (e.g. too big for the space left) must not fail the other callers'
      // writes: commit each on its own. A locked database would fail each alike, after its own busy wait.
      if (batch.length === 1 || isLocked(error)) this.fail(batch, error)
      else this.commitEach(batch)
      return
    }
    for (const { waiter } of batch) waiter?.resolve()
  }

  private commitEach(batch: Pending[]): void {
    for (const pending of batch) {
      try {
        this.db.transaction(pending.write)()
        pending.waiter?.resolve()
      } catch (error) {
        this.fail([pending], error)
      }
    }
  }

  // Rejects the waiters; keeps lazy writes a later attempt may store, reports the others.
  private fail(batch: Pending[], error: unknown): void {
    const lazy: Write[] = []
    for (const { write, waiter } of batch) {
      if (waiter) waiter.reject(storageError(error, this.dir))
      else lazy.push(write)
    }
    if (lazy.length === 0) return
    if (!isTransient(error) || this.closed) {
      this.report(storageError(error, this.dir))
      return
    }
    if (!this.failing) this.report(storageError(error, this.dir))
    this.failing = true
    this.kept.push(...lazy)
    this.armRetry()
  }

  private armRetry(): void {
    if (this.retryTimer !== undefined || this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.retryKept()
    }, this.retryDelayMs)
    this.retryTimer.unref()
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_KEPT_WRITES_MS.max)
  }

  private retryKept(): void {
    if (this.kept.length === 0) return
    const writes = this.kept
    this.kept = []
    this.commit(writes.map((write) => ({ write })))
    if (this.kept.length > 0) return
    this.retryDelayMs = RETRY_KEPT_WRITES_MS.first
    this.failing = false
  }

  private report(error: unknown): void {
    try {
      this.onError(error)
    } catch {
      // A throwing onError must not stop the writes queued behind this one.
    }
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
