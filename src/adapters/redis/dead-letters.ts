// The app's dead letters in one Redis hash (id -> JSON), so that every node lists, replays and discards
// the same ones.
import type { Redis } from 'ioredis'
import type { DeadLetter } from '../queue.js'

export class DeadLetterStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** False when the letter was already there: a node that died after storing it must not report it twice. */
  async add(letter: DeadLetter): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, letter.id, JSON.stringify(letter))) === 1
  }

  async list(): Promise<DeadLetter[]> {
    const values = await this.redis.hvals(this.key)
    return values.map((value) => JSON.parse(value) as DeadLetter).sort((a, b) => a.failedAt - b.failedAt)
  }

  /** Removes and returns the letter, atomically: of two nodes replaying it at once, one gets it. */
  async take(id: string): Promise<DeadLetter | undefined> {
    const result = await this.redis.multi().hget(this.key, id).hdel(this.key, id).exec()
    const [[, value] = [], [, removed] = []] = result ?? []
    return removed === 1 && typeof value === 'string' ? (JSON.parse(value) as DeadLetter) : undefined
  }

  /** Puts a taken letter back (its replay could not be enqueued). */
  async restore(letter: DeadLetter): Promise<void> {
    await this.redis.hset(this.key, letter.id, JSON.stringify(letter))
  }

  async discard(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, id)) === 1
  }
}
