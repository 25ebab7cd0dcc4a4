// Names in Redis: one BullMQ queue per (topic, subscribing step), fifo steps on partition queues of their own,
// and the app's dead letters and queue registry, all under the app's prefix.

/** BullMQ refuses ':' in a queue name (it separates key parts): escaped, so every name stays distinct. */
const escaped = (part: string) => part.replaceAll('%', '%25').replaceAll(':', '%3A')

/** `events.<topic>.<step>` for a standard step; `events.<topic>.<step>.fifo-<n>` for fifo partition n. */
export function eventQueueName(topic: string, stepName: string, partition?: number): string {
  const base = `events.${escaped(topic)}.${escaped(stepName)}`
  return partition === undefined ? base : `${base}.fifo-${partition}`
}

/** The hash of dead letters (id -> JSON), shared by every node of the app. */
export const deadLettersKey = (prefix: string) => `${prefix}:motia:dead-letters`

/** The set of event queues that ever held a message (JSON `{ name, stepName }`): read to warn about orphans. */
export const queueRegistryKey = (prefix: string) => `${prefix}:motia:event-queues`
