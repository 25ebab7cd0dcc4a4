// Error texts of the runner lifecycle (codes from src/errors.ts).
import { MotiaError } from '../../errors.js'

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(code: number | null, signal: string | null): string {
  if (signal) return `was killed by ${signal}`
  if (code !== null) return `exited with code ${code}`
  return 'exited'
}

/** The error an in-flight call gets when its runner dies. Retryable: another runner may succeed. */
export const crashError = (pid: number, how: string, what: string) =>
  new MotiaError(
    'E_RUNNER_CRASHED',
    `Python runner (pid ${pid}) ${how} while ${what}. A new runner replaces it; the call failed as retryable.`,
    { retryable: true },
  )

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
