import { writeSync } from 'node:fs'
import { formatJson, formatPretty, type LogRecord } from './format.js'
import { levelRank, type LogLevel } from './levels.js'

export interface LogSinkOptions {
  level: LogLevel
  /** Pretty lines for a terminal, JSON lines otherwise. */
  pretty: boolean
  /** Defaults to fd 1. */
  write?: (text: string) => void
}

/**
 * Where every log line of the process goes. Lines are buffered and written once per tick:
 * a synchronous write per line would dominate the hot path under load.
 */
export class LogSink {
  readonly level: LogLevel
  private readonly threshold: number
  private readonly format: (record: LogRecord) => string
  private readonly write: (text: string) => void
  private buffer: string[] = []
  private scheduled = false

  constructor(options: LogSinkOptions) {
    this.level = options.level
    this.threshold = levelRank(options.level)
    this.format = options.pretty ? formatPretty : formatJson
    this.write = options.write ?? ((text) => writeAll(1, text))
  }

  enabled(level: LogLevel): boolean {
    return levelRank(level) >= this.threshold
  }

  log(record: LogRecord): void {
    if (!this.enabled(record.level)) return
    this.buffer.push(this.format(record))
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  flush(): void {
    this.scheduled = false
    if (this.buffer.length === 0) return
    const text = `${this.buffer.join('\n')}\n`
    this.buffer = []
    this.write(text)
  }
}

function writeAll(fd: number, text: string): void {
  let data = Buffer.from(text)
  while (data.length > 0) {
    try {
      const written = writeSync(fd, data)
      data = data.subarray(written)
    } catch (error) {
      // A non-blocking pipe that is full: spin until the reader catches up.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    }
  }
}
