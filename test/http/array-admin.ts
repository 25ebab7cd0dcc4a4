import { MotiaError, notSubscribed } from '../../src/errors.js'
import type { AdminApi } from '../../src/http/index.js'

interface Letter {
  id: string
  topic: string
}

/** A small real AdminApi over arrays: what the server calls, and what those calls changed. */
export function arrayAdmin() {
  const emitted: { topic: string; data: unknown; messageGroupId?: string }[] = []
  const letters: Letter[] = [
    { id: 'dl-1', topic: 'a' },
    { id: 'dl-2', topic: 'b' },
  ]
  const replayed: string[] = []
  const state: Record<string, Record<string, unknown>> = { users: { ada: { age: 36 } }, empty: {} }
  const api: AdminApi = {
    flows: () => [{ id: 'basic', name: 'basic', steps: [], edges: [] }],
    async emit(event) {
      if (event.topic === 'undeclared') throw notSubscribed('undeclared', ['a', 'b'])
      if (event.topic === 'invalid') throw new MotiaError('E_EMIT_VALIDATION', 'Data for "invalid" fails the schema')
      if (event.topic === 'disk.full') throw new MotiaError('E_STORAGE_FULL', 'The disk is full')
      if (event.topic === 'crash') throw new Error('queue is broken')
      emitted.push(event)
    },
    openapi: async () => ({ openapi: '3.1.0' }),
    devStatus: () => ({ mode: 'dev', generation: 0, problems: [] }),
    traces: () => undefined,
    listDeadLetters: async () => [...letters],
    async replayDeadLetter(id) {
      const index = letters.findIndex((letter) => letter.id === id)
      if (index === -1) return false
      replayed.push(...letters.splice(index, 1).map((letter) => letter.id))
      return true
    },
    async replayAllDeadLetters() {
      const count = letters.length
      replayed.push(...letters.splice(0).map((letter) => letter.id))
      return count
    },
    async discardDeadLetter(id) {
      const index = letters.findIndex((letter) => letter.id === id)
      if (index === -1) return false
      letters.splice(index, 1)
      return true
    },
    stateGroups: async () => Object.keys(state),
    stateEntries: async (groupId) => Object.entries(state[groupId] ?? {}).map(([key, value]) => ({ key, value })),
    async setState(groupId, key, value) {
      state[groupId] = { ...state[groupId], [key]: value }
    },
    async deleteState(groupId, key) {
      if (!state[groupId] || !Object.hasOwn(state[groupId], key)) return false
      delete state[groupId][key]
      return true
    },
    streams: async () => [],
    streamGroups: async () => undefined,
    streamItems: async () => undefined,
    recentEvents: (topic, after) => ({ events: after === undefined ? [] : emitted.filter((event) => topic === undefined || event.topic === topic), last: emitted.length, dropped: 0 }),
    queueStatus: () => ({ held: emitted.length }),
  }
  return { api, emitted, letters, replayed }
}
