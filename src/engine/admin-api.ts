import type { Queue } from '../adapters/queue.js'
import type { StateStore } from '../adapters/state-store.js'
import type { AdminApi } from '../http/admin.js'
import type { EmitFn } from './emitter.js'
import { newTraceId } from './trace-id.js'

/** What `/__motia/*` serves: flows, emit from outside any step, dead letters and state. */
export function createAdminApi(parts: { flows: unknown; emit: EmitFn; queue: Queue; state: StateStore }): AdminApi {
  const { queue, state } = parts
  return {
    flows: () => parts.flows,
    emit: (event) => parts.emit(null, event, newTraceId()),
    listDeadLetters: () => queue.listDeadLetters(),
    replayDeadLetter: (id) => queue.replayDeadLetter(id),
    async replayAllDeadLetters() {
      const letters = await queue.listDeadLetters()
      let replayed = 0
      for (const letter of letters) if (await queue.replayDeadLetter(letter.id)) replayed++
      return replayed
    },
    discardDeadLetter: (id) => queue.discardDeadLetter(id),
    stateGroups: () => state.groups(),
    stateEntries: (groupId) => state.entries(groupId),
  }
}
