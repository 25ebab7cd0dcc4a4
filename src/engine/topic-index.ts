import type { Step } from '../project/step.js'
import { compileSchema, type Validate } from '../schema/validator.js'
import { delayMsOf } from './queue-settings.js'

export interface Subscriber {
  step: Step
  /** The subscriber's `input` schema, compiled once; undefined when it has none. */
  validate?: Validate
  delayMs: number
}

/** Which event steps subscribe to each topic: built once at start, read on every emit. */
export function buildTopicIndex(steps: readonly Step[]): Map<string, Subscriber[]> {
  const index = new Map<string, Subscriber[]>()
  for (const step of steps) {
    if (step.type !== 'event') continue
    const input = step.config.input
    const subscriber: Subscriber = {
      step,
      validate: input ? compileSchema(input) : undefined,
      delayMs: delayMsOf(step),
    }
    // A topic listed twice is still one subscription: one delivery per emit.
    for (const topic of new Set(step.config.subscribes ?? [])) {
      const list = index.get(topic)
      if (list) list.push(subscriber)
      else index.set(topic, [subscriber])
    }
  }
  return index
}
