// What `tester.watch(topic)` captures: every event emitted on the topic once it is stored, in order.
import type { EmittedEvent } from '../engine/emitter.js'

export interface CapturedEvent<TData = unknown> {
  topic: string
  data: TData
  traceId: string
  messageGroupId?: string
}

/** An emitted event as the kit shows it: `messageGroupId` only when the emit gave one. The data is not copied. */
export function capturedEvent({ messageGroupId, ...event }: EmittedEvent): CapturedEvent {
  return messageGroupId === undefined ? event : { ...event, messageGroupId }
}

export interface Watcher<TData = unknown> {
  getCapturedEvents(): CapturedEvent<TData>[]
  getLastCapturedEvent(): CapturedEvent<TData> | undefined
  getCapturedEvent(index: number): CapturedEvent<TData> | undefined
}

export class Watchers {
  private readonly byTopic = new Map<string, CapturedEvent[][]>()

  /** The engine's `onEmit`: an arrow, so it can be handed over as it is. */
  readonly observe = (event: EmittedEvent): void => {
    const lists = this.byTopic.get(event.topic)
    if (!lists) return
    // A copy: a handler that mutates what it emitted must not change what the test sees.
    const captured: CapturedEvent = { ...capturedEvent(event), data: structuredClone(event.data) }
    for (const list of lists) list.push(captured)
  }

  watch<TData>(topic: string): Watcher<TData> {
    const events: CapturedEvent<TData>[] = []
    this.byTopic.set(topic, [...(this.byTopic.get(topic) ?? []), events as CapturedEvent[]])
    return {
      // The live list, as v0.x: a list taken before `waitEvents()` shows what arrives after.
      getCapturedEvents: () => events,
      getLastCapturedEvent: () => events.at(-1),
      getCapturedEvent: (index) => events[index],
    }
  }
}
