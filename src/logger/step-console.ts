// `console.log` and friends inside a step become log lines of that step, with its traceId, as
// Python's `print` does. The step is found through AsyncLocalStorage, so code the handler calls and
// code after an `await` count too; outside any step, console writes as it always did.
import { AsyncLocalStorage } from 'node:async_hooks'
import { format } from 'node:util'
import type { Logger } from '../types.js'
import type { LogLevel } from './levels.js'

/** What a step's console writes through: the invocation's context (its logger is made on first use). */
export interface ConsoleOwner {
  readonly logger: Logger
}

const CONSOLE_LEVELS = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error' } as const satisfies Record<string, LogLevel>

const owners = new AsyncLocalStorage<ConsoleOwner>()
let captured = false

/** Runs `call` with the console writing to `owner`'s logger. */
export function withStepConsole<T>(owner: ConsoleOwner, call: () => T): T {
  return owners.run(owner, call)
}

/** Routes console calls made inside `withStepConsole` to the step's logger. Idempotent. */
export function captureConsole(): void {
  if (captured) return
  captured = true
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    const name = method as keyof typeof CONSOLE_LEVELS
    const original = console[name]
    console[name] = function stepConsole(this: Console, ...args: unknown[]) {
      const owner = owners.getStore()
      if (owner === undefined) return original.apply(this, args)
      owner.logger[level](format(...args))
    }
  }
}
