import { describe, expect, it } from 'vitest'
import { DEFAULT_HANDLER_TIMEOUT_S, deadlineOf } from '../../src/engine/deadline.js'
import type { Step } from '../../src/project/step.js'
import type { InfrastructureConfig } from '../../src/types.js'

const step = (infrastructure?: InfrastructureConfig) => ({ name: 'S', config: { type: 'event', name: 'S', infrastructure } }) as unknown as Step

describe('deadlineOf', () => {
  it('gives every invocation 300 s when the step sets no timeout: event, api and cron alike', () => {
    expect(DEFAULT_HANDLER_TIMEOUT_S).toBe(300)
    for (const kind of ['event', 'api', 'cron'] as const) expect(deadlineOf(step(), kind).seconds).toBe(300)
  })

  it('uses infrastructure.handler.timeout, failing with E_HANDLER_TIMEOUT', () => {
    const deadline = deadlineOf(step({ handler: { timeout: 30 } }), 'event')
    expect(deadline.seconds).toBe(30)
    expect(deadline.expired()).toMatchObject({
      code: 'E_HANDLER_TIMEOUT',
      retryable: true,
      message: 'Step "S" timed out after 30 s. Raise `infrastructure.handler.timeout` or make the handler faster.',
    })
  })

  it('ends an event delivery at its visibilityTimeout lease when that comes first, failing with E_LEASE_EXPIRED', () => {
    const deadline = deadlineOf(step({ queue: { visibilityTimeout: 20 } }), 'event')
    expect(deadline.seconds).toBe(20)
    expect(deadline.expired()).toMatchObject({ code: 'E_LEASE_EXPIRED', retryable: true })
    expect(deadlineOf(step({ queue: { visibilityTimeout: 600 } }), 'event').seconds).toBe(300)
    expect(deadlineOf(step({ handler: { timeout: 10 }, queue: { visibilityTimeout: 20 } }), 'event').seconds).toBe(10)
  })
})
