// Error texts of the runner lifecycle (codes from src/errors.ts).
import { MotiaError } from '../../errors.js'

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(code: number | null, signal: string | null): string {
  if (signal) return `was killed by ${signal}`
  if (code !== null) return `exited with code ${code}`
  return 'exited'
}

/** Marks the crash error of a call that did not end its runner: the pool runs it again (PROTOCOL.md §8). */
export const INNOCENT = 'runner-crash-innocent'

/** Marks the crash error of a call that may have ended its runner with others: the pool re-runs it alone. */
export const SUSPECT = 'runner-crash-suspect'

/**
 * The error an in-flight call gets when its runner dies. Retryable: another runner may succeed. A call
 * marked INNOCENT or SUSPECT is taken care of by the pool and its caller never sees this error.
 */
export const crashError = (pid: number, how: string, what: string, blame?: typeof INNOCENT | typeof SUSPECT) =>
  new MotiaError(
    'E_RUNNER_CRASHED',
    `Python runner (pid ${pid}) ${how} while ${what}. A new runner replaces it; the call failed as retryable.`,
    { retryable: true, cause: blame },
  )

/** True for a crash error the pool should run again rather than pass on. */
export const isRerun = (error: unknown): error is MotiaError =>
  error instanceof MotiaError && (error.cause === INNOCENT || error.cause === SUSPECT)

/** The runner died or hung before its hello frame. */
export const notReadyError = (pid: number | undefined, how: string, python: string, stderrTail: string[]) =>
  new MotiaError(
    'E_RUNNER_CRASHED',
    `Python runner (${pid === undefined ? '' : `pid ${pid}, `}${python}) ${how} before it was ready.` +
      (stderrTail.length ? ` Its last output:\n  ${stderrTail.join('\n  ')}` : ' It wrote nothing to stderr.'),
    { retryable: true },
  )

/** PROTOCOL.md §6: the core refuses a runner of another protocol version, naming both. */
export const mismatchError = (runner: number, core: number) =>
  new MotiaError(
    'E_RUNNER_PROTOCOL',
    `Python runner speaks protocol ${runner}, this core speaks protocol ${core}: the runner and the core come from different motia versions. Reinstall motia so that both match.`,
    { retryable: false },
  )

/** A step module's top-level code did not finish within the import timeout. */
export const importTimeoutError = (ms: number) =>
  new MotiaError(
    'E_STEP_LOAD',
    `importing the module did not finish within ${ms / 1000} s: does its top-level code block (a network call, input(), an endless loop)?`,
    { retryable: false },
  )

/**
 * How a runner ended whose channel broke before the hello, if its first bytes are text: printed at
 * interpreter start-up, before the runner took fd 1 over (PROTOCOL.md §1). Worth naming, rather than
 * those bytes read as a frame length.
 */
export function printedAtStartup(head: Uint8Array): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
  } catch {
    return undefined
  }
  if (!/^[^\p{Cc}]*$/u.test(text.replace(/[\n\r\t]/g, ' '))) return undefined
  return `printed ${JSON.stringify(text.trim())} to stdout, where only protocol frames may go (does a sitecustomize.py or .pth file print at interpreter start-up? make it print to stderr)`
}

/** Marks a describe that waited behind the import that ended its runner: it never ran. */
export const NOT_STARTED = 'describe-not-started'

/** The file whose import was running when its runner died: its top-level code ended the process. */
export const importCrashError = (pid: number, how: string, file: string) =>
  new MotiaError(
    'E_RUNNER_CRASHED',
    `Python runner (pid ${pid}) ${how} while importing ${file}: does its top-level code end the process (os._exit(), a crash in a C extension)?`,
    { retryable: false },
  )

/** A describe queued behind the import that ended (or hung) its runner. */
export const notStartedError = (pid: number, how: string, file: string | undefined) =>
  new MotiaError('E_RUNNER_CRASHED', `Python runner (pid ${pid}) ${how} before it read ${file}; read it again.`, {
    retryable: true,
    cause: NOT_STARTED,
  })
