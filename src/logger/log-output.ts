import { writeSync } from 'node:fs'

/** Where a LogSink's bytes go. `write` never blocks: it writes what the reader has room for now. */
export interface LogOutput {
  /** Returns how many bytes of `data` were written (0 when the reader is full); throws when the output is gone. */
  write(data: Uint8Array): number
}

/** Standard output, written without ever waiting for a slow reader. */
export function stdoutOutput(): LogOutput {
  // Creating `process.stdout` makes a pipe on fd 1 non-blocking (libuv does it); on a blocking pipe a
  // full buffer would freeze the event loop in writeSync. Terminals and files do not fill up this way.
  void process.stdout.fd
  return fdOutput(1)
}

export function fdOutput(fd: number): LogOutput {
  return {
    write(data) {
      try {
        return writeSync(fd, data)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 0
        throw error
      }
    },
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** Blocks the thread for `ms` without burning CPU: only for the last flush at exit. */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms)
}
