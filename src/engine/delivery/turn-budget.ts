// Bounds the deliveries started in one turn of the event loop, so a large backlog cannot starve I/O.

/**
 * Deliveries a queue starts before it lets the event loop run I/O (HTTP, runner pipes, timers). A handler that
 * resolves at once settles in a microtask, and settling starts the next delivery: without a bound, a backlog
 * would be drained in one unbroken chain of microtasks, with no request answered until it ends.
 */
export const DELIVERIES_PER_TURN = 512

export class TurnBudget<T> {
  private spent = 0
  private reset: NodeJS.Immediate | undefined
  private readonly deferred = new Set<T>()

  constructor(
    private readonly perTurn: number,
    /** Called on the next turn for each holder whose work was cut short. */
    private readonly resume: (holder: T) => void,
  ) {}

  /** Takes one delivery; false when this turn's budget is spent (then `holder` is resumed on the next turn). */
  take(holder: T): boolean {
    this.scheduleReset()
    if (this.spent >= this.perTurn) {
      this.deferred.add(holder)
      return false
    }
    this.spent++
    return true
  }

  cancel(): void {
    clearImmediate(this.reset)
    this.reset = undefined
    this.deferred.clear()
  }

  private scheduleReset(): void {
    if (this.reset) return
    this.reset = setImmediate(() => {
      this.reset = undefined
      this.spent = 0
      const holders = [...this.deferred]
      this.deferred.clear()
      for (const holder of holders) this.resume(holder)
    })
  }
}
