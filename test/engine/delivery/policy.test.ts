import { describe, expect, it } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import {
  DEFAULT_FIFO_PARTITIONS,
  DELIVERY_LEASE_MS,
  decideAfterFailure,
  decideAfterInterruption,
  deliveryPolicy,
  fifoPartition,
} from '../../../src/engine/delivery/policy.js'

const backoff = { baseMs: 1000, maxMs: 300_000 }
// Retry n waits between step/2 and step, step = min(maxMs, baseMs * 2^(n-1)).
const delayBounds = (retry: number) => [500 * 2 ** (retry - 1), 1000 * 2 ** (retry - 1)] as const

describe('decideAfterFailure', () => {
  it('with maxRetries 0, dead-letters the first failure', () => {
    const decision = decideAfterFailure(0, 0, new Error('boom'), backoff)
    expect(decision).toMatchObject({ action: 'dead-letter', attempts: 1, error: { type: 'Error', message: 'boom', retryable: true } })
  })

  it('with maxRetries 3, retries failures 1 to 3 with growing delays and dead-letters the 4th', () => {
    for (const previous of [0, 1, 2]) {
      const decision = decideAfterFailure(previous, 3, new Error('boom'), backoff)
      expect(decision.action).toBe('retry')
      if (decision.action !== 'retry') continue
      expect(decision.attempts).toBe(previous + 1)
      const [low, high] = delayBounds(previous + 1)
      expect(decision.delayMs).toBeGreaterThanOrEqual(low)
      expect(decision.delayMs).toBeLessThanOrEqual(high)
    }
    expect(decideAfterFailure(3, 3, new Error('boom'), backoff)).toMatchObject({ action: 'dead-letter', attempts: 4, error: { message: 'boom' } })
  })

  it('dead-letters a non-retryable error at once, whatever retries remain', () => {
    const config = new MotiaError('E_STEP_CONFIG', 'bad config', { retryable: false })
    expect(decideAfterFailure(0, 3, config, backoff)).toEqual({
      action: 'dead-letter',
      attempts: 1,
      error: expect.objectContaining({ type: 'MotiaError', message: 'bad config', code: 'E_STEP_CONFIG', retryable: false }),
    })
    // A Python handler's error keeps the retryable flag it crossed the bridge with.
    const remote = new RemoteError({ type: 'ValueError', message: 'no', retryable: false })
    expect(decideAfterFailure(1, 3, remote, backoff)).toMatchObject({ action: 'dead-letter', attempts: 2, error: { type: 'ValueError', retryable: false } })
    // Any rejected object may say so itself.
    expect(decideAfterFailure(0, 3, { message: 'plain', retryable: false }, backoff)).toMatchObject({ action: 'dead-letter', error: { retryable: false } })
  })

  it('keeps a value thrown that is not an Error as its message', () => {
    expect(decideAfterFailure(0, 0, 'just a string', backoff)).toMatchObject({ action: 'dead-letter', error: { type: 'Error', message: 'just a string' } })
  })
})

describe('decideAfterInterruption', () => {
  it('retries while the interruptions, counted as attempts, leave retries', () => {
    const decision = decideAfterInterruption(1, 1, 3, backoff)
    expect(decision.action).toBe('retry')
    if (decision.action === 'retry') {
      expect(decision.attempts).toBe(1)
      expect(decision.delayMs).toBeGreaterThanOrEqual(500)
      expect(decision.delayMs).toBeLessThanOrEqual(1000)
    }
    expect(decideAfterInterruption(3, 2, 3, backoff).action).toBe('retry')
  })

  it('dead-letters once the attempts pass maxRetries, saying how often the process stopped', () => {
    expect(decideAfterInterruption(1, 1, 0, backoff)).toEqual({
      action: 'dead-letter',
      attempts: 1,
      error: {
        type: 'DeliveryInterrupted',
        message: 'The process stopped 1 time(s) while this message was being handled (crash, kill or exit): moved to the dead letters after 1 attempts.',
        code: 'E_DELIVERY_INTERRUPTED',
        retryable: false,
      },
    })
    expect(decideAfterInterruption(4, 2, 3, backoff)).toMatchObject({ action: 'dead-letter', attempts: 4, error: { code: 'E_DELIVERY_INTERRUPTED' } })
  })
})

describe('fifoPartition', () => {
  it('puts the default group in partition 0, and everything in 0 when there is one partition', () => {
    expect(fifoPartition(undefined, DEFAULT_FIFO_PARTITIONS)).toBe(0)
    expect(fifoPartition('order-7', 1)).toBe(0)
  })

  it('is stable: the FNV-1a hash of the group id, the same on every node', () => {
    // FNV-1a 32 of "a" is 0xe40c292c, of "order-1" 0x2b7fcd6d (computed independently, with Python).
    expect(fifoPartition('a', 16)).toBe(0xe40c292c % 16)
    expect(fifoPartition('order-1', 16)).toBe(0x2b7fcd6d % 16)
    expect(fifoPartition('a', 1000)).toBe(0xe40c292c % 1000)
    for (const group of ['order-1', 'user:42', 'é-unicode', '']) expect(fifoPartition(group, 16)).toBe(fifoPartition(group, 16))
  })

  it('spreads 1000 groups over all 16 partitions, none empty and none crowded', () => {
    const counts = new Array<number>(DEFAULT_FIFO_PARTITIONS).fill(0)
    for (let i = 0; i < 1000; i++) counts[fifoPartition(`group-${i}`, DEFAULT_FIFO_PARTITIONS)]!++
    expect(counts.every((count) => count > 0)).toBe(true)
    // 62.5 expected per partition: a fair hash stays well inside [30, 100].
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(30)
    expect(Math.max(...counts)).toBeLessThanOrEqual(100)
    expect(counts.reduce((a, b) => a + b)).toBe(1000)
  })
})

describe('deliveryPolicy', () => {
  it('binds the decisions to one backoff and partition count, as the value adapters receive', () => {
    const policy = deliveryPolicy({ baseMs: 0, maxMs: 0 }, 4)
    expect(policy.backoff).toEqual({ baseMs: 0, maxMs: 0 })
    expect(policy.leaseMs).toBe(DELIVERY_LEASE_MS)
    expect(policy.fifoPartitions).toBe(4)
    expect(policy.afterFailure(0, 1, new Error('x'))).toEqual({ action: 'retry', attempts: 1, delayMs: 0 })
    expect(policy.afterFailure(1, 1, new Error('x'))).toMatchObject({ action: 'dead-letter', attempts: 2 })
    expect(policy.afterInterruption(1, 1, 1)).toEqual({ action: 'retry', attempts: 1, delayMs: 0 })
    expect(policy.fifoPartition('a')).toBe(0xe40c292c % 4)
    expect(deliveryPolicy(backoff).fifoPartitions).toBe(DEFAULT_FIFO_PARTITIONS)
  })
})
