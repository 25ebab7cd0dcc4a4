// The watchdog of one runner (PROTOCOL.md §4 `ping`): its event loop answers a ping every interval;
// one left unanswered past the timeout marks the runner unresponsive until an answer comes.

export interface LivenessOptions {
  /** How often a ping is sent. Default 1000 ms. */
  intervalMs?: number
  /** How long a ping may stay unanswered before the runner counts as unresponsive. Default 2000 ms. */
  timeoutMs?: number
}

export const DEFAULT_PING_INTERVAL_MS = 1000
export const DEFAULT_UNRESPONSIVE_MS = 2000

/** The log line of a runner that became unresponsive, or responsive again. */
export function livenessLine(pid: number | undefined, responsive: boolean, silentMs: number): string {
  const seconds = (silentMs / 1000).toFixed(1)
  return responsive
    ? `Python runner (pid ${pid}) is responsive again (its event loop was blocked for ${seconds} s).`
    : `Python runner (pid ${pid}) is unresponsive: its event loop has not answered for ${seconds} s (an async handler blocking it, e.g. with time.sleep(), or a slow module import); new calls go to other runners.`
}

export class Liveness {
  readonly #ping: () => Promise<unknown>
  readonly #onChange: (responsive: boolean, silentMs: number) => void
  readonly #excused: () => boolean
  readonly #intervalMs: number
  readonly #timeoutMs: number
  #timer: NodeJS.Timeout | undefined
  #sentAt: number | undefined // the unanswered ping, if one is out
  #responsive = true

  /** `excused`: while it returns true (a `describe` importing a module), silence is expected. */
  constructor(
    ping: () => Promise<unknown>,
    onChange: (responsive: boolean, silentMs: number) => void,
    options: LivenessOptions = {},
    excused: () => boolean = () => false,
  ) {
    this.#ping = ping
    this.#onChange = onChange
    this.#excused = excused
    this.#intervalMs = options.intervalMs ?? DEFAULT_PING_INTERVAL_MS
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_UNRESPONSIVE_MS
  }

  get responsive(): boolean {
    return this.#responsive
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), this.#intervalMs).unref()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  #tick(): void {
    if (this.#sentAt === undefined) return this.#send()
    const silent = performance.now() - this.#sentAt
    if (this.#responsive && silent >= this.#timeoutMs && !this.#excused()) {
      this.#responsive = false
      this.#onChange(false, silent)
    }
  }

  #send(): void {
    const sentAt = performance.now()
    this.#sentAt = sentAt
    this.#ping().then(
      () => {
        if (this.#sentAt !== sentAt) return
        this.#sentAt = undefined
        if (this.#responsive) return
        this.#responsive = true
        this.#onChange(true, performance.now() - sentAt)
      },
      () => {}, // the runner ended: its exit says so
    )
  }
}
