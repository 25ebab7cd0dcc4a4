import { formatJson, formatPretty, type LogRecord } from './format.js'
import { levelRank, type LogLevel } from './levels.js'
import { type LogOutput, sleepSync, stdoutOutput } from './log-output.js'

/** Most log text held while the output is slow, in characters (bytes for ASCII): about 4 MB. */
export const DEFAULT_LOG_BUFFER_LIMIT = 4 * 1024 * 1024
/** Longest a synchronous flush (at exit) waits for a slow reader before giving up on what is left. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 2000
// Pauses between two tries when the reader is full: short while it keeps up, longer while it does not.
const FIRST_RETRY_MS = 1
const LAST_RETRY_MS = 50

// `process.exit()` (from a step, a second Ctrl-C) skips later ticks: write what is left, within the
// flush timeout. One listener for all sinks that have something to write.
const pendingSinks = new Set<LogSink>()
process.on('exit', () => {
  for (const sink of pendingSinks) sink.flush()
})

export interface LogSinkOptions {
  level: LogLevel
  /** Pretty lines for a terminal, JSON lines otherwise. */
  pretty: boolean
  /** Defaults to standard output. */
  output?: LogOutput
  /** Defaults to DEFAULT_LOG_BUFFER_LIMIT. */
  bufferLimit?: number
}

/**
 * Where every log line of the process goes. Lines are buffered and written once per tick (a write per
 * line would dominate the hot path), without ever blocking the event loop: when the reader is full,
 * the rest waits for it. The wait is bounded: past `bufferLimit` new lines are dropped until the
 * buffer is written out, and then one line says how many were dropped.
 */
export class LogSink {
  readonly level: LogLevel
  private readonly threshold: number
  private readonly format: (record: LogRecord) => string
  private readonly output: LogOutput
  private readonly bufferLimit: number
  private lines: string[] = []
  private lineChars = 0
  /** The chunk being written: what the reader has not taken yet. */
  private unwritten?: Uint8Array
  private dropped = 0
  private scheduled = false
  private retryMs = FIRST_RETRY_MS
  private closedBy?: string
  private readonly listeners = new Set<(record: LogRecord) => void>()

  constructor(options: LogSinkOptions) {
    this.level = options.level
    this.threshold = levelRank(options.level)
    this.format = options.pretty ? formatPretty : formatJson
    this.output = options.output ?? stdoutOutput()
    this.bufferLimit = options.bufferLimit ?? DEFAULT_LOG_BUFFER_LIMIT
  }

  enabled(level: LogLevel): boolean {
    return levelRank(level) >= this.threshold
  }

  /**
   * Calls `listener` with every record at or above the sink's level (traces, the Workbench's live
   * logs), whether or not its line is written. Returns the function that removes it.
   */
  onRecord(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  log(record: LogRecord): void {
    if (!this.enabled(record.level) || this.closedBy) return
    // A listener that throws is its own bug: the line is still written.
    if (this.listeners.size > 0) this.tell(record)
    // Once the bound is hit, drop until the reader has caught up: one notice per episode, at the gap.
    if (this.dropped > 0) {
      this.dropped++
      return
    }
    const line = this.format(record)
    if (this.buffered() + line.length >= this.bufferLimit) {
      // A burst bigger than the bound within one tick: hand the reader what it takes now before dropping.
      this.writeOut()
      if (this.buffered() + line.length >= this.bufferLimit) {
        this.dropped = 1
        return
      }
    }
    this.lines.push(line)
    this.lineChars += line.length + 1
    this.schedule(0)
  }

  private tell(record: LogRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(record)
      } catch {
        // Ignored on purpose: see log().
      }
    }
  }

  private buffered(): number {
    return this.lineChars + (this.unwritten?.length ?? 0)
  }

  /**
   * Writes what is buffered now, waiting for a slow reader at most `timeoutMs` (then the rest is lost).
   * For exit paths, where no later tick will write it; returns whether everything was written.
   */
  flush(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): boolean {
    const deadline = Date.now() + timeoutMs
    let pause = FIRST_RETRY_MS
    while (this.writeOut() !== 'done') {
      const left = deadline - Date.now()
      if (left <= 0) return false
      sleepSync(Math.min(pause, left))
      pause = Math.min(pause * 2, LAST_RETRY_MS)
    }
    return true
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return
    this.scheduled = true
    pendingSinks.add(this)
    if (delayMs === 0) setImmediate(this.pump)
    // Unref'd: a process with nothing else to do exits, and the exit hook flushes what is left.
    else setTimeout(this.pump, delayMs).unref()
  }

  private readonly pump = (): void => {
    this.scheduled = false
    const outcome = this.writeOut()
    if (outcome === 'done') {
      this.retryMs = FIRST_RETRY_MS
      pendingSinks.delete(this)
      return
    }
    // A reader that took something is reading: come back soon. One that took nothing: back off.
    this.retryMs = outcome === 'partial' ? FIRST_RETRY_MS : Math.min(this.retryMs * 2, LAST_RETRY_MS)
    this.schedule(this.retryMs)
  }

  /** Writes as much as the reader takes now: `done` when nothing is left, else whether it took some. */
  private writeOut(): 'done' | 'partial' | 'blocked' {
    let progressed = false
    for (;;) {
      if (this.closedBy) return 'done'
      if (!this.unwritten) {
        if (this.lines.length === 0) {
          if (this.dropped === 0) return 'done'
          this.lines.push(this.format(droppedNotice(this.dropped)))
          this.dropped = 0
        }
        this.unwritten = Buffer.from(`${this.lines.join('\n')}\n`)
        this.lines = []
        this.lineChars = 0
      }
      const written = this.tryWrite(this.unwritten)
      if (written < this.unwritten.length) {
        this.unwritten = this.unwritten.subarray(written)
        return progressed || written > 0 ? 'partial' : 'blocked'
      }
      this.unwritten = undefined
      progressed = true
    }
  }

  private tryWrite(data: Uint8Array): number {
    try {
      return this.output.write(data)
    } catch (error) {
      // The reader is gone (EPIPE, a closed fd): logging stops, the app goes on.
      this.closedBy = (error as NodeJS.ErrnoException).code ?? String(error)
      this.lines = []
      process.stderr.write(`motia: log output closed (${this.closedBy}): log lines are no longer written\n`)
      return data.length
    }
  }
}

function droppedNotice(count: number): LogRecord {
  const lines = count === 1 ? 'line' : 'lines'
  return { time: Date.now(), level: 'warn', step: 'motia', msg: `${count} log ${lines} dropped: the output was not read fast enough` }
}
