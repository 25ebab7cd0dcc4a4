// The unanswered `describe` calls of one runner, and the clock of the import running now (PROTOCOL.md §4).
import type { MotiaError } from '../../errors.js'
import { importCrashError, notStartedError } from './runner-errors.js'
export interface Describing {
  file: string
  timeoutMs: number | undefined
  reject: (error: Error) => void
}

/**
 * The runner imports files one at a time, in the order asked, and sends each answer before the next
 * import: the oldest unanswered describe is the import running now. Its clock starts when it gets
 * there, so only the file that hangs is blamed, however many wait behind it.
 */
export class ImportWatch {
  // Insertion order is the order the describes were sent.
  readonly #describing = new Map<number, Describing>()
  readonly #onTimeout: (describing: Describing) => void
  #timer: NodeJS.Timeout | undefined
  #watched: number | undefined
  #timedOut = false

  constructor(onTimeout: (describing: Describing) => void) {
    this.#onTimeout = onTimeout
  }

  add(id: number, describing: Describing): void {
    this.#describing.set(id, describing)
    this.#watch()
  }

  delete(id: number): void {
    this.#describing.delete(id)
    this.#watch()
  }

  /** The id of the import running now (the oldest unanswered describe), unless it timed out already. */
  get current(): number | undefined {
    return this.#timedOut ? undefined : this.#describing.keys().next().value
  }

  /** The error of describe `id` when the runner ended: the import running then is to blame, the rest never ran. */
  lostError(id: number, pid: number, how: string): MotiaError {
    const file = this.#describing.get(id)?.file
    return id === this.current ? importCrashError(pid, how, file!) : notStartedError(pid, how, file)
  }

  /** True while an import runs or after one timed out: a runner that dies then was ended by it. */
  get busy(): boolean {
    return this.#timedOut || this.#describing.size > 0
  }

  #watch(): void {
    const head = this.#describing.entries().next().value
    if (head?.[0] === this.#watched) return
    clearTimeout(this.#timer)
    this.#watched = head?.[0]
    if (head === undefined || head[1].timeoutMs === undefined) return
    const describing = head[1]
    this.#timer = setTimeout(() => {
      this.#timedOut = true
      this.#onTimeout(describing)
    }, describing.timeoutMs)
  }
}
