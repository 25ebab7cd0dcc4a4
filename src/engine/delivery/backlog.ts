// Which stored messages the scheduler holds in memory: a bounded window; the rest stay in the store, read in pages.
import type { LoadedMessage, MessageStore } from '../../adapters/message-store.js'

/**
 * Most messages a queue whose store pages (SQLite) holds in memory for its subscribed steps, and again at most
 * as many for steps nobody subscribes to. A backlog beyond it waits in the store and is read a page at a time.
 */
export const DEFAULT_MEMORY_WINDOW = 10_000

/**
 * The boundary between memory and store, as a cursor on the store's seq order. Every stored message up to the
 * cursor has been taken into memory once (acked ones are gone); above it, while `pagedOut`, messages wait in the
 * store in enqueue order, and new ones join them behind, so fifo order holds across pages.
 */
export class Backlog {
  private cursor = 0
  /** The store may hold messages above the cursor. A paging store starts so: a previous run may have left some. */
  private pagedOut: boolean

  constructor(
    private readonly store: MessageStore,
    /** Infinity when the store does not page: then memory holds everything. */
    readonly window: number,
  ) {
    this.pagedOut = store.pages
  }

  get hasPagedOut(): boolean {
    return this.pagedOut
  }

  /**
   * Whether a message the store just gave `seq` is taken into memory now: not while older ones wait in the store
   * (it waits behind them), not when a page already read it, and not when there is no `room` (it starts waiting).
   */
  admit(seq: number, room: boolean): boolean {
    if (this.pagedOut || seq <= this.cursor) return false
    if (!room) {
      this.pagedOut = true
      return false
    }
    this.cursor = seq
    return true
  }

  /** The next `limit` messages waiting in the store, oldest first; a short page means the store has no more. */
  nextPage(limit: number): LoadedMessage[] {
    if (!this.pagedOut || limit <= 0) return []
    const page = this.store.loadPage(this.cursor, limit)
    if (page.length < limit) this.pagedOut = false
    const last = page.at(-1)
    if (last) this.cursor = last.seq
    return page
  }
}
