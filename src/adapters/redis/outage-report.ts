// Connection errors while Redis is away come from every client on every retry: one line per outage, not one
// per retry, and (when the caller has one) a line when Redis answers again. Used by every Redis adapter.
import { MotiaError } from '../../errors.js'

export interface OutageMessages {
  /** The E_REDIS_UNAVAILABLE line for the first error of an outage, given the error's message. */
  lost: (reason: string) => string
  /** The warning once Redis answers again; none: the report is only re-armed. */
  back?: string
}

export class OutageReport {
  private down = false

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly messages: OutageMessages,
    private readonly onWarning?: (message: string) => void,
  ) {}

  failed = (error: unknown): void => {
    if (this.down) return
    this.down = true
    const reason = error instanceof Error ? error.message : String(error)
    this.onError(new MotiaError('E_REDIS_UNAVAILABLE', this.messages.lost(reason), { cause: error }))
  }

  recovered = (): void => {
    if (!this.down) return
    this.down = false
    if (this.messages.back !== undefined) this.onWarning?.(this.messages.back)
  }
}
