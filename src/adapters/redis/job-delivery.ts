// What a BullMQ worker does with one job: run the step's handler and carry out the engine's decision on a
// failure (a delayed retry, a retry that holds its fifo partition, or a dead letter). BullMQ's own retries
// are never used for handler failures, so the attempt count lives in the job and continues on any node.
import { DelayedError, WaitingError, type Job } from 'bullmq'
import type { DeadLetter, DeliveryHandler, QueueMessage, Subscription } from '../queue.js'
import type { DeadLetterStore } from './dead-letters.js'
import type { DeliveryPolicy, FailureDecision as DeliveryDecision } from '../delivery-policy.js'
import type { Slots } from './slots.js'

/**
 * A message as its job holds it: `interrupted` counts the stalls (node deaths) of this job already charged as
 * attempts; `interruptedBefore` those of the batch it left (for the dead letter's words).
 */
export type StoredMessage = QueueMessage & { interrupted?: number; interruptedBefore?: number }

/** A job of several messages of one standard queue, committed together (job-batcher.ts). */
export interface StoredBatch {
  batch: StoredMessage[]
}

export const isBatch = (data: StoredMessage | StoredBatch): data is StoredBatch => Array.isArray((data as StoredBatch).batch)

export interface StepDelivery {
  subscription: Subscription
  handler: DeliveryHandler
  policy: DeliveryPolicy
  slots: Slots
  deadLetters: DeadLetterStore
  onDeadLetter?: (letter: DeadLetter) => void
  onError: (error: unknown) => void
  /** Called once the handler has settled: the rest is bookkeeping that close() lets finish. */
  onHandlerSettled?: (jobId: string) => void
  /** Aborted when the node stops: a fifo job waiting for its retry goes back to the head of its partition. */
  stopping: AbortSignal
  /** Stores a message of a batch again, as a job of its own (its retry). */
  requeue: (message: StoredMessage) => Promise<unknown>
}

export async function deliverJob(job: Job<StoredMessage | StoredBatch>, token: string | undefined, step: StepDelivery): Promise<void> {
  if (isBatch(job.data)) return deliverBatch(job as Job<StoredBatch>, step)
  return deliverOne(job as Job<StoredMessage>, token, step)
}

async function deliverOne(job: Job<StoredMessage>, token: string | undefined, step: StepDelivery): Promise<void> {
  let message = job.data
  const { maxRetries } = step.subscription
  // BullMQ counts the times a dead node's lock expired on this job (its stalled checker): each is a failed attempt.
  const stalls = job.stalledCounter ?? 0
  const charged = message.interrupted ?? 0
  if (stalls > charged) {
    const attempts = message.attempts + stalls - charged
    const decision = step.policy.afterInterruption(attempts, stalls + (message.interruptedBefore ?? 0), maxRetries)
    const next = await carryOut(job, token, { ...message, interrupted: stalls }, decision, step)
    if (!next) return
    message = next
  }
  // A fifo retry handed back by a node that stopped during its delay: the rest of the delay, then the retry.
  if (step.subscription.type === 'fifo') await waitUntilVisible(job, token, message, step.stopping)
  for (;;) {
    const failure = await step.slots.run(() => runHandler(step, message))
    step.onHandlerSettled?.(message.id)
    if (!failure) return
    const next = await carryOut(job, token, message, step.policy.afterFailure(message.attempts, maxRetries, failure.error), step)
    if (!next) return
    message = next
  }
}

/**
 * A batch's messages are handled side by side (the step's slots bound them), each as if it were a job of its own:
 * a failed one goes on as a job of its own (its retry) or to the dead letters, and the batch's job completes. A batch
 * whose node died holding it charges that to every message (BullMQ's stalled count), and splits them the same way.
 */
async function deliverBatch(job: Job<StoredBatch>, step: StepDelivery): Promise<void> {
  const { maxRetries } = step.subscription
  const stalls = job.stalledCounter ?? 0
  if (stalls > 0) {
    const settle = (message: StoredMessage) =>
      settleAlone({ ...message, interruptedBefore: stalls }, step.policy.afterInterruption(message.attempts + stalls, stalls, maxRetries), step)
    await Promise.all(job.data.batch.map(settle))
    return
  }
  let unsettled = job.data.batch.length
  const handlerSettled = () => --unsettled === 0 && step.onHandlerSettled?.(job.id ?? '')
  await Promise.all(
    job.data.batch.map(async (message) => {
      const failure = await step.slots.run(() => runHandler(step, message))
      handlerSettled()
      if (failure) await settleAlone(message, step.policy.afterFailure(message.attempts, maxRetries, failure.error), step)
    }),
  )
}

/** A message of a batch after a failure: a retry of its own (its attempts, its delay), or a dead letter. */
async function settleAlone(message: StoredMessage, decision: DeliveryDecision, step: StepDelivery): Promise<void> {
  if (decision.action === 'dead-letter') return deadLetter(message, decision, step)
  // Its own job starts with no stall of its own: `interrupted` counts those of this job (see deliverOne).
  const { interrupted: _, ...rest } = message
  await step.requeue({ ...rest, attempts: decision.attempts, visibleAt: Date.now() + decision.delayMs })
}

async function runHandler(step: StepDelivery, message: StoredMessage): Promise<{ error: unknown } | undefined> {
  const { interrupted: _, interruptedBefore: __, ...delivered } = message
  try {
    // Its own copy of the data: a handler that changes it and fails must not change what the retry gets.
    await step.handler({ ...delivered, data: copyOf(delivered.data) })
    return undefined
  } catch (error) {
    return { error }
  }
}

const copyOf = (data: unknown): unknown => (data === undefined ? undefined : JSON.parse(JSON.stringify(data)))

/**
 * Carries out a decision. Returns the message to deliver again at once (a fifo retry, after its delay), or
 * undefined when the job is done (dead-lettered); a standard retry leaves as a delayed job (DelayedError).
 */
async function carryOut(job: Job<StoredMessage>, token: string | undefined, message: StoredMessage, decision: DeliveryDecision, step: StepDelivery): Promise<StoredMessage | undefined> {
  if (decision.action === 'dead-letter') {
    await deadLetter(message, decision, step)
    return undefined
  }
  const retry: StoredMessage = { ...message, attempts: decision.attempts, visibleAt: Date.now() + decision.delayMs }
  await job.updateData(retry)
  if (step.subscription.type === 'fifo') {
    await waitUntilVisible(job, token, retry, step.stopping)
    return retry
  }
  await job.moveToDelayed(retry.visibleAt, token)
  throw new DelayedError()
}

/**
 * A fifo retry waits in the job, which stays active (BullMQ renews its lock): its partition stays blocked, so the
 * group's order holds. A node that stops meanwhile puts the job back at the head of the partition, with its attempts.
 */
async function waitUntilVisible(job: Job<StoredMessage>, token: string | undefined, message: StoredMessage, stopping: AbortSignal): Promise<void> {
  const delayMs = message.visibleAt - Date.now()
  if (delayMs <= 0) return
  const waited = await new Promise<boolean>((resolve) => {
    if (stopping.aborted) return resolve(false)
    const timer = setTimeout(() => {
      stopping.removeEventListener('abort', stop)
      resolve(true)
    }, delayMs)
    const stop = () => {
      clearTimeout(timer)
      resolve(false)
    }
    stopping.addEventListener('abort', stop, { once: true })
  })
  // Timers run on the monotonic clock and may fire a millisecond before Date.now() reaches visibleAt: wait the rest.
  if (waited) return waitUntilVisible(job, token, message, stopping)
  await job.moveToWait(token)
  throw new WaitingError()
}

async function deadLetter(message: StoredMessage, decision: Extract<DeliveryDecision, { action: 'dead-letter' }>, step: StepDelivery): Promise<void> {
  const { id, stepName, topic, data, traceId, messageGroupId } = message
  const letter: DeadLetter = { id, stepName, topic, data, traceId, attempts: decision.attempts, error: decision.error, failedAt: Date.now() }
  if (messageGroupId !== undefined) letter.messageGroupId = messageGroupId
  if (!(await step.deadLetters.add(letter))) return
  try {
    step.onDeadLetter?.(letter)
  } catch (error) {
    step.onError(error)
  }
}
