// Which event queues ever held messages, kept in Redis (a set under the app's prefix), so that a starting node
// can say which stored messages no step will take: a step renamed or removed, or a topic a step dropped.
import type { Redis } from 'ioredis'

export interface RegisteredQueue {
  name: string
  topic: string
  stepName: string
}

export class QueueRegistry {
  private readonly known = new Set<string>()

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Adds the queues this process has not registered yet (one SADD, skipped when all are known). */
  async register(queues: RegisteredQueue[]): Promise<void> {
    const fresh = [...new Map(queues.filter((queue) => !this.known.has(queue.name)).map((queue) => [queue.name, queue])).values()]
    if (fresh.length === 0) return
    await this.redis.sadd(this.key, ...fresh.map((queue) => JSON.stringify(queue)))
    for (const queue of fresh) this.known.add(queue.name)
  }

  async list(): Promise<RegisteredQueue[]> {
    return (await this.redis.smembers(this.key)).map((entry) => JSON.parse(entry) as RegisteredQueue)
  }
}

/** The warning for `stored` messages of `queue` that no subscription of this node takes. */
export function orphanWarning(stepName: string, stored: number, droppedTopic?: string): string {
  const count = stored === 1 ? '1 stored message' : `${stored} stored messages`
  if (droppedTopic !== undefined) {
    return `${count} of topic "${droppedTopic}" for step "${stepName}" wait, but the step no longer subscribes to "${droppedTopic}". They are kept, and delivered once it subscribes to "${droppedTopic}" again.`
  }
  return `${count} for step "${stepName}" wait, but no step of that name subscribes (was it renamed or removed?). They are kept, and delivered once a step named "${stepName}" subscribes.`
}
