// How many Python runners a pool starts: the option, else MOTIA_PYTHON_WORKERS, else from the machine.
import os from 'node:os'
import { MotiaError } from '../../errors.js'

const badSize = (what: string, value: unknown) =>
  new MotiaError(
    'E_BAD_OPTION',
    `Expected ${what} to be a positive integer, got \`${String(value)}\` (${typeof value}).`,
    { retryable: false },
  )

/** Two to four runners: enough to overlap work, few enough to leave cores to the core process. */
export function machinePoolSize(cores = os.availableParallelism()): number {
  return Math.min(4, Math.max(2, cores))
}

export function resolvePoolSize(size: unknown, env: NodeJS.ProcessEnv): number {
  if (size !== undefined) {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw badSize('the `size` option', size)
    return size
  }
  const fromEnv = env.MOTIA_PYTHON_WORKERS
  if (fromEnv === undefined || fromEnv === '') return machinePoolSize()
  const parsed = Number(fromEnv)
  if (!/^\d+$/.test(fromEnv.trim()) || parsed < 1) throw badSize('`MOTIA_PYTHON_WORKERS`', fromEnv)
  return parsed
}
