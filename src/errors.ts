// The error catalogue: every failure the core reports has a stable code and a message that names the fix.

export type ErrorCode =
  | 'E_STEP_CONFIG'
  | 'E_STEP_LOAD'
  | 'E_SCHEMA'
  | 'E_UNDECLARED_EMIT'
  | 'E_EMIT_VALIDATION'
  | 'E_PYTHON_MISSING'
  | 'E_PYTHON_TOO_OLD'
  | 'E_PYTHON_PACKAGE_MISSING'
  | 'E_RUNNER_CRASHED'
  | 'E_RUNNER_PROTOCOL'
  | 'E_HANDLER_TIMEOUT'
  | 'E_HANDLER_FAILED'
  | 'E_BAD_OPTION'
  | 'E_SHUTTING_DOWN'
  | 'E_DELIVERY_INTERRUPTED'
  | 'E_INVOCATION_ENDED'
  | 'E_LEASE_EXPIRED'
  | 'E_RUNNER_UNRESPONSIVE'
  | 'E_FRAME_TOO_LARGE'
  | 'E_NOT_SERIALIZABLE'
  | 'E_STORAGE_FULL'
  | 'E_STORAGE_FAILED'
  | 'E_PORT_IN_USE'
  | 'E_PROJECT_LOCKED'
  | 'E_DATABASE_UNOPENABLE'
  | 'E_NOT_SUBSCRIBED'
  | 'E_STREAM_VALIDATION'
  | 'E_REDIS_UNAVAILABLE'

export const ERROR_CODES: readonly ErrorCode[] = [
  'E_STEP_CONFIG',
  'E_STEP_LOAD',
  'E_SCHEMA',
  'E_UNDECLARED_EMIT',
  'E_EMIT_VALIDATION',
  'E_PYTHON_MISSING',
  'E_PYTHON_TOO_OLD',
  'E_PYTHON_PACKAGE_MISSING',
  'E_RUNNER_CRASHED',
  'E_RUNNER_PROTOCOL',
  'E_HANDLER_TIMEOUT',
  'E_HANDLER_FAILED',
  'E_BAD_OPTION',
  'E_SHUTTING_DOWN',
  'E_DELIVERY_INTERRUPTED',
  'E_INVOCATION_ENDED',
  'E_LEASE_EXPIRED',
  'E_RUNNER_UNRESPONSIVE',
  'E_FRAME_TOO_LARGE',
  'E_NOT_SERIALIZABLE',
  'E_STORAGE_FULL',
  'E_STORAGE_FAILED',
  'E_PORT_IN_USE',
  'E_PROJECT_LOCKED',
  'E_DATABASE_UNOPENABLE',
  'E_NOT_SUBSCRIBED',
  'E_STREAM_VALIDATION',
  'E_REDIS_UNAVAILABLE',
]

export interface MotiaErrorOptions {
  cause?: unknown
  /** Whether a queue should retry the delivery that failed with this error. */
  retryable?: boolean
}

export class MotiaError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(code: ErrorCode, message: string, options: MotiaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MotiaError'
    this.code = code
    this.retryable = options.retryable ?? true
  }
}

/** One problem found in a step file at load time. Startup prints all of them, then refuses to run. */
export interface StepProblem {
  filePath: string
  message: string
  line?: number
}

export class StepConfigError extends MotiaError {
  readonly problems: StepProblem[]

  constructor(problems: StepProblem[]) {
    super('E_STEP_CONFIG', formatProblems(problems), { retryable: false })
    this.name = 'StepConfigError'
    this.problems = problems
  }
}

export function formatProblems(problems: StepProblem[]): string {
  const lines = problems.map((p) => `  ${p.filePath}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`)
  return `${problems.length} problem${problems.length === 1 ? '' : 's'} in step files:\n${lines.join('\n')}`
}

export const undeclaredEmit = (step: string, topic: string, declared: string[]) =>
  new MotiaError(
    'E_UNDECLARED_EMIT',
    `Step "${step}" emitted to topic "${topic}", which is not in its \`emits\` (${declared.length ? declared.map((t) => `"${t}"`).join(', ') : 'empty: the step may emit nothing'}). Add "${topic}" to \`emits\` in its config, or let undeclared emits through with a warning, as Motia v0.x did: \`compat: { undeclaredEmits: 'warn' }\` in motia.config.ts.`,
    { retryable: false },
  )

export const handlerTimeout = (step: string, seconds: number) =>
  new MotiaError(
    'E_HANDLER_TIMEOUT',
    `Step "${step}" timed out after ${seconds} s. Raise \`infrastructure.handler.timeout\` or make the handler faster.`,
  )

export const unknownStream = (name: string, declared: string[]) =>
  new MotiaError(
    'E_STEP_CONFIG',
    `No stream named "${name}" (declared: ${declared.length ? declared.map((n) => `"${n}"`).join(', ') : 'none'}). Declare it in a stream file (*.stream.ts, *_stream.py under steps/ or src/) or fix the name.`,
    { retryable: false },
  )

export const notSubscribed = (topic: string, subscribed: Iterable<string>) => {
  const topics = [...subscribed].sort().map((t) => `"${t}"`)
  return new MotiaError(
    'E_NOT_SUBSCRIBED',
    `No step subscribes to topic "${topic}": nothing was stored. ${topics.length ? `Topics with subscribers: ${topics.join(', ')}.` : 'No step subscribes to any topic.'} Check the topic name.`,
    { retryable: false },
  )
}

/** An event delivery still running when its lease (`infrastructure.queue.visibilityTimeout`) ran out. */
export const leaseExpired = (step: string, seconds: number) =>
  new MotiaError(
    'E_LEASE_EXPIRED',
    `Step "${step}" still had the event after its delivery lease of ${seconds} s (\`infrastructure.queue.visibilityTimeout\`): the delivery failed and will be retried. Raise \`visibilityTimeout\` or make the handler faster.`,
  )

/**
 * A context call (`context.emit`, `context.state.set`, ...) made after its invocation ended. `how` says
 * how it ended: "it returned", "timed out after 5 s", ...
 */
export const invocationEnded = (step: string, how: string, call: string) =>
  new MotiaError(
    'E_INVOCATION_ENDED',
    `Step "${step}"'s invocation ended (${how}): ${call} cannot run after that. Await context calls inside the handler, before it returns, and stop work when context.signal aborts.`,
    { retryable: false },
  )

/** The one shape an error takes on the wire and in dead letters (PROTOCOL.md "Errors"). */
export interface WireError {
  type: string
  message: string
  traceback?: string
  code?: string
  retryable: boolean
}

/** Never throws, whatever was thrown: a failure must always be reportable. */
export function toWireError(error: unknown): WireError {
  try {
    if (error instanceof Error) {
      const wire = (error as { wire?: WireError }).wire
      if (wire) return wire
      return {
        type: String(error.name),
        message: String(error.message),
        traceback: error.stack === undefined ? undefined : String(error.stack),
        code: error instanceof MotiaError ? error.code : undefined,
        retryable: error instanceof MotiaError ? error.retryable : true,
      }
    }
    return { type: 'Error', message: String(error), retryable: true }
  } catch (cause) {
    return unstorableError(cause)
  }
}

/** The wire error for a thrown value that cannot be turned into one (`cause` says why). */
export function unstorableError(cause: unknown): WireError {
  let why: string
  try {
    why = cause instanceof Error ? `${cause.name}: ${cause.message}` : typeof cause
  } catch {
    why = typeof cause
  }
  return { type: 'Error', message: `The handler failed with a value that cannot be stored as an error (${why}): throw or reject with an Error.`, retryable: true }
}

/** An error raised on the far side of a language bridge, rebuilt with its original type and traceback. */
export class RemoteError extends Error {
  readonly wire: WireError

  constructor(wire: WireError) {
    super(wire.message)
    this.name = wire.type
    this.wire = wire
    if (wire.traceback) this.stack = `${wire.type}: ${wire.message}\n${wire.traceback}`
  }
}
