import type { Queue } from '../adapters/queue.js'
import type { StateStore } from '../adapters/state-store.js'
import { notSubscribed } from '../errors.js'
import type { AdminApi } from '../http/admin.js'
import type { WorkbenchData } from '../workbench/workbench-data.js'
import { type AdminStreams, stateAdmin, streamsAdmin } from './admin-data.js'
import type { TraceReader } from '../traces/trace-store.js'
import type { DevStatus } from './dev-status.js'
import type { EmitFn } from './emitter.js'
import type { RecentEvents } from './recent-events.js'
import { newTraceId } from './trace-id.js'

/** What `/__motia/*` serves: flows, the OpenAPI document, emit from outside any step, dead letters, state, recent events and the queue's count. */
export interface AdminParts {
  /** Read on every request: `motia dev` reloads change the flows. */
  flows: () => unknown
  /** The OpenAPI document of the steps serving now (the app caches it). */
  openapi: () => Promise<unknown>
  emit: EmitFn
  queue: Queue
  state: StateStore
  /** The app's streams, read on every request (see admin-data.ts). */
  streams: () => AdminStreams | undefined
  /** Topics some step subscribes to (a live set): an emit to any other topic would store nothing, so it is refused. */
  subscribedTopics: ReadonlySet<string>
  /** What `GET /__motia/events` reads: fed by the emitter's `onEmit`. */
  recentEvents: RecentEvents
  /** Read on every request: the app updates it as it reloads. */
  devStatus: () => DevStatus
  /** The Workbench's node positions and live logs: `motia dev` only. */
  workbench?: WorkbenchData
  /** The recorded traces; undefined when tracing is off (MOTIA_TRACING=off). */
  traces: TraceReader | undefined
}

export function createAdminApi(parts: AdminParts): AdminApi {
  const { queue, state } = parts
  return {
    flows: parts.flows,
    openapi: parts.openapi,
    emit: async (event) => {
      if (!parts.subscribedTopics.has(event.topic)) throw notSubscribed(event.topic, parts.subscribedTopics)
      await parts.emit(null, event, newTraceId())
    },
    listDeadLetters: () => queue.listDeadLetters(),
    replayDeadLetter: (id) => queue.replayDeadLetter(id),
    async replayAllDeadLetters() {
      const letters = await queue.listDeadLetters()
      let replayed = 0
      for (const letter of letters) if (await queue.replayDeadLetter(letter.id)) replayed++
      return replayed
    },
    discardDeadLetter: (id) => queue.discardDeadLetter(id),
    ...stateAdmin(state),
    ...streamsAdmin(parts.streams),
    recentEvents: (topic, after) => parts.recentEvents.read(topic, after),
    // null when the queue cannot tell (a queue adapter without the count).
    queueStatus: () => ({ held: queue.heldMessages ?? null }),
    devStatus: parts.devStatus,
    workbench: parts.workbench,
    traces: () => parts.traces,
  }
}
