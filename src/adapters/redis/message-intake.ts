// How many jobs a standard step's BullMQ workers fetch on this node, counted in messages. A job may carry a group of
// messages (job-batcher.ts), and a node that fetched more than its step can run would keep them from the other nodes,
// idle or not. BullMQ fetches up to its concurrency in jobs before it starts any, so each worker may fetch as many
// more jobs as full groups would fit in the step's free concurrency: it starts at concurrency / group size, and
// rises as it runs jobs of fewer messages (a lone emit is a job of one).
import type { Worker } from 'bullmq'
import { batchLimit } from './job-batcher.js'

/** The concurrency a standard step's worker starts with. */
export const initialJobConcurrency = (concurrency: number): number => Math.ceil(concurrency / batchLimit(concurrency))

export class MessageIntake {
  #held = 0
  readonly #running = new Map<Worker, number>()
  readonly #perJob: number

  constructor(private readonly concurrency: number) {
    this.#perJob = batchLimit(concurrency)
  }

  watch(worker: Worker): void {
    this.#running.set(worker, 0)
  }

  /** `worker` started a job of `messages` messages. */
  taken(worker: Worker, messages: number): void {
    this.#held += messages
    this.#running.set(worker, (this.#running.get(worker) ?? 0) + 1)
    this.#fit()
  }

  /** That job is done (handled, retried or dead-lettered). */
  released(worker: Worker, messages: number): void {
    this.#held -= messages
    this.#running.set(worker, (this.#running.get(worker) ?? 1) - 1)
    this.#fit()
  }

  #fit(): void {
    const moreJobs = Math.ceil(Math.max(0, this.concurrency - this.#held) / this.#perJob)
    for (const [worker, running] of this.#running) worker.concurrency = Math.min(this.concurrency, Math.max(1, running + moreJobs))
  }
}
