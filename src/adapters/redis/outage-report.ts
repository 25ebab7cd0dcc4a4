// Connection errors while Redis is away come from every client on every retry: one line per outage, not one
// per retry, and a line when Redis answers again.
import { MotiaError } from '../../errors.js'

export class OutageReport {
  private down = false

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly onWarning: (message: string) => void,
    private readonly where: string,
  ) {}

  failed = (error: unknown): void => {
    if (this.down) return
    this.down = true
    const reason = error instanceof Error ? error.message : String(error)
    this.onError(
      new MotiaError(
        'E_REDIS_UNAVAILABLE',
        `Lost the connection to the Redis of the event queue (${this.where}): ${reason}. Reconnecting; events wait in Redis and emits fail until it answers again.`,
        { cause: error },
      ),
    )
  }

  recovered = (): void => {
    if (!this.down) return
    this.down = false
    this.onWarning(`The Redis of the event queue (${this.where}) answers again: delivery resumes.`)
  }
}
