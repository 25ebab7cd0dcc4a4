/** An invocation waiting for its deadline: linked into the list of its deadline length. */
export interface Timed {
  expiresAt: number
  prev: Timed | undefined
  next: Timed | undefined
  /** Called once, at or after `expiresAt`, unless removed first. */
  expired(): void
}

/**
 * The invocations in flight that share one deadline length, oldest first. Same length means the
 * oldest expires first, so one timer for the head serves them all: adding and removing cost a few
 * pointer writes, where a timer per invocation costs an allocation and a timer-list insert per event.
 */
export class DeadlineList {
  readonly ms: number
  #head: Timed | undefined
  #tail: Timed | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(ms: number) {
    this.ms = ms
  }

  add(entry: Timed): void {
    entry.expiresAt = Date.now() + this.ms
    entry.prev = this.#tail
    entry.next = undefined
    if (this.#tail) this.#tail.next = entry
    else this.#head = entry
    this.#tail = entry
    if (this.#timer === undefined) this.#arm(entry.expiresAt)
  }

  remove(entry: Timed): void {
    if (entry.prev) entry.prev.next = entry.next
    else if (this.#head === entry) this.#head = entry.next
    else return // not in the list
    if (entry.next) entry.next.prev = entry.prev
    else this.#tail = entry.prev
    entry.prev = entry.next = undefined
    // An empty list holds no timer: nothing keeps the process up after the last invocation.
    if (this.#head === undefined && this.#timer !== undefined) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
  }

  /** Every entry, oldest first (a copy: callers may remove while they go). */
  entries(): Timed[] {
    const all: Timed[] = []
    for (let entry = this.#head; entry; entry = entry.next) all.push(entry)
    return all
  }

  #arm(at: number): void {
    this.#timer = setTimeout(fire, Math.max(0, at - Date.now()), this)
  }

  /** Expires the entries that are due, then waits for the next one. */
  fire(): void {
    this.#timer = undefined
    const now = Date.now()
    while (this.#head && this.#head.expiresAt <= now) {
      const entry = this.#head
      this.remove(entry)
      entry.expired()
    }
    if (this.#head && this.#timer === undefined) this.#arm(this.#head.expiresAt)
  }
}

function fire(list: DeadlineList): void {
  list.fire()
}
