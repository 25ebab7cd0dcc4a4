import { describe, expect, it } from 'vitest'
import { ERROR_CODES, MotiaError, StepConfigError, toWireError, undeclaredEmit } from '../src/errors.js'

describe('error catalogue', () => {
  it('pins the list of stable codes', () => {
    expect([...ERROR_CODES].sort()).toEqual([
      'E_BAD_OPTION',
      'E_DATABASE_UNOPENABLE',
      'E_DELIVERY_INTERRUPTED',
      'E_EMIT_VALIDATION',
      'E_FRAME_TOO_LARGE',
      'E_HANDLER_FAILED',
      'E_HANDLER_TIMEOUT',
      'E_INVOCATION_ENDED',
      'E_LEASE_EXPIRED',
      'E_NOT_SERIALIZABLE',
      'E_NOT_SUBSCRIBED',
      'E_PORT_IN_USE',
      'E_PROJECT_LOCKED',
      'E_PYTHON_MISSING',
      'E_PYTHON_PACKAGE_MISSING',
      'E_PYTHON_TOO_OLD',
      'E_REDIS_UNAVAILABLE',
      'E_RUNNER_CRASHED',
      'E_RUNNER_PROTOCOL',
      'E_RUNNER_UNRESPONSIVE',
      'E_SCHEMA',
      'E_SHUTTING_DOWN',
      'E_STEP_CONFIG',
      'E_STEP_LOAD',
      'E_STORAGE_FAILED',
      'E_STORAGE_FULL',
      'E_STREAM_VALIDATION',
      'E_UNDECLARED_EMIT',
    ])
  })

  it('names the fix in the message and keeps the cause', () => {
    const cause = new Error('root')
    const error = new MotiaError('E_SCHEMA', 'bad schema', { cause, retryable: false })
    expect(error.cause).toBe(cause)
    expect(error.retryable).toBe(false)
    expect(undeclaredEmit('A', 'x', []).message).toBe(
      'Step "A" emitted to topic "x", which is not in its `emits` (empty: the step may emit nothing). Add "x" to `emits` in its config, or let undeclared emits through with a warning, as Motia v0.x did: `compat: { undeclaredEmits: \'warn\' }` in motia.config.ts.',
    )
  })

  it('lists every step problem with its file and line', () => {
    const error = new StepConfigError([
      { filePath: 'steps/a.step.ts', message: 'missing `name`' },
      { filePath: 'steps/b_step.py', line: 3, message: 'SyntaxError: invalid syntax' },
    ])
    expect(error.message).toBe('2 problems in step files:\n  steps/a.step.ts: missing `name`\n  steps/b_step.py:3: SyntaxError: invalid syntax')
  })

  it('turns any thrown value into the one wire error shape', () => {
    expect(toWireError(new TypeError('nope'))).toMatchObject({ type: 'TypeError', message: 'nope', retryable: true })
    expect(toWireError(new MotiaError('E_UNDECLARED_EMIT', 'x', { retryable: false }))).toMatchObject({ code: 'E_UNDECLARED_EMIT', retryable: false })
    expect(toWireError('plain')).toEqual({ type: 'Error', message: 'plain', retryable: true })
    const unprintable = { toString: () => { throw new Error('no') } }
    expect(toWireError(unprintable)).toEqual({
      type: 'Error',
      message: 'The handler failed with a value that cannot be stored as an error (Error: no): throw or reject with an Error.',
      retryable: true,
    })
  })
})
