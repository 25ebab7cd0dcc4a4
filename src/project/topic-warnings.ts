// Topics that lead nowhere: emitted but never subscribed to, or subscribed to but never emitted.
import type { Step } from './step.js'

/**
 * Only real edges count: `emits` of any step against `subscribes` of event steps. `virtualEmits` and
 * `virtualSubscribes` only draw the graph (they neither send nor receive), so they count for neither side,
 * and a topic that is only virtual gives no warning.
 */
export function topicWarnings(steps: readonly Step[]): string[] {
  const emitters = new Map<string, Step[]>()
  const subscribers = new Map<string, Step[]>()
  for (const step of steps) {
    if (step.type !== 'noop') for (const topic of step.emitTopics) add(emitters, topic, step)
    if (step.type === 'event') for (const topic of step.config.subscribes ?? []) add(subscribers, topic, step)
  }
  const warnings: string[] = []
  for (const [topic, from] of emitters) {
    if (!subscribers.has(topic)) warnings.push(`Topic "${topic}" is emitted by ${list(from)} but no step subscribes to it: its events are dropped`)
  }
  for (const [topic, to] of subscribers) {
    if (!emitters.has(topic)) warnings.push(`Topic "${topic}" is subscribed to by ${list(to)} but no step emits it`)
  }
  return warnings
}

function add(index: Map<string, Step[]>, topic: string, step: Step): void {
  const list = index.get(topic)
  if (list) list.push(step)
  else index.set(topic, [step])
}

function list(steps: Step[]): string {
  return steps.map((step) => `"${step.name}" (${step.relativePath})`).join(', ')
}
