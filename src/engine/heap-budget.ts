import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** JS heap (MB) past which `motia run`/`dev` asks V8 for a full collection: see HeapBudget. */
export const DEFAULT_HEAP_BUDGET_MB = 48

const CHECK_EVERY_MS = 250
const MB = 1024 * 1024

/**
 * Keeps the process's JS heap near what it really holds. Under a sustained flow of events (a large
 * backlog draining), messages live long enough to be promoted, and V8 lets the old space fill with their
 * garbage up to about four times the live set before it collects: RSS then follows the delivery rate,
 * not the configuration. Past the budget (or twice the heap that survived the last collection, if that
 * is more, so a large live set never makes it collect in a loop) a full collection runs at once.
 * A quiet app stays under the budget and is never touched.
 *
 * @example
 * const budget = new HeapBudget(48)
 * budget.start()
 * budget.close()
 */
export class HeapBudget {
  /** Collections this budget asked for. */
  collections = 0
  readonly #budgetBytes: number
  #limit: number
  #timer: NodeJS.Timeout | undefined
  #gc: (() => void) | undefined

  constructor(budgetMb: number = DEFAULT_HEAP_BUDGET_MB) {
    this.#budgetBytes = budgetMb * MB
    this.#limit = this.#budgetBytes
  }

  start(): void {
    if (this.#timer !== undefined || this.#budgetBytes <= 0) return
    this.#timer = setInterval(() => this.check(), CHECK_EVERY_MS).unref()
  }

  /** Collects when the heap is past the limit; runs on a timer, callable directly. */
  check(): void {
    if (this.#timer === undefined || process.memoryUsage().heapUsed <= this.#limit) return
    // Made at the first collection, not at start: the V8 context it takes costs start-up ~10-40 ms.
    this.#gc ??= exposedGc()
    this.#gc()
    this.collections++
    this.#limit = Math.max(this.#budgetBytes, 2 * process.memoryUsage().heapUsed)
  }

  close(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}

// `global.gc` without `node --expose-gc`: the flag, set at run time, takes effect in contexts made after it.
function exposedGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (typeof existing === 'function') return existing
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
