// What one Python runner process is started with (see RunnerProcess).
import type { RunnerLog } from './dispatch.js'
import type { LivenessOptions } from './liveness.js'

export interface RunnerProcessOptions {
  /** Project root: the runner's cwd and first PYTHONPATH entry. */
  root: string
  /** Interpreter path (see `findPython`). */
  python: string
  /** Environment of the runner; PYTHONPATH is prepended to. Defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** Log lines that belong to no invocation: stderr lines, runner messages. */
  onLog?: RunnerLog
  /** How long the runner may take to send `hello`. Default 30 s. */
  startTimeoutMs?: number
  /**
   * How long a cancelled invocation may stay unanswered. Past it, a runner whose event loop is blocked is
   * killed, and one whose loop still runs (a handler thread that does not stop) is reported by `onStuck`.
   * Default 2 s (`DEFAULT_CANCEL_GRACE_MS`).
   */
  cancelGraceMs?: number
  /** The watchdog's ping interval and unresponsive timeout (defaults 1 s and 2 s). */
  liveness?: LivenessOptions
}

export const DEFAULT_CANCEL_GRACE_MS = 2000
