// Real collaborators for the Python bridge tests: a FlowContext over an in-test state map, an emit
// that records events, a logger that records lines; and the repository's interpreter.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { undeclaredEmit } from '../../../src/errors.js'
import type { EmitEvent, FlowContext, MotiaStream, StreamItem } from '../../../src/types.js'

export const repo = fileURLToPath(new URL('../../../', import.meta.url))
export const fixtures = path.join(repo, 'test', 'fixtures', 'python-steps')
export const broken = path.join(fixtures, 'broken')
export const fakes = path.join(fixtures, 'fake-interpreters')
export const step = (name: string) => path.join(fixtures, 'steps', name)

/** `<repo>/.venv/bin/python`, made by `node scripts/setup-python.js`. */
export function repoPython(): string {
  const python = path.join(repo, '.venv', 'bin', 'python')
  if (!existsSync(python)) throw new Error(`${python} is missing: run \`node scripts/setup-python.js\` first`)
  return python
}

export interface LogLine {
  level: string
  message: string
  fields?: unknown
}

export function makeStream(): MotiaStream & { items: Map<string, StreamItem> } {
  const items = new Map<string, StreamItem>()
  return {
    items,
    get: async (groupId, id) => items.get(`${groupId}/${id}`) ?? null,
    set: async (groupId, id, data) => {
      const item = { ...(data as object), id }
      items.set(`${groupId}/${id}`, item)
      return item
    },
    delete: async (groupId, id) => {
      const item = items.get(`${groupId}/${id}`) ?? null
      items.delete(`${groupId}/${id}`)
      return item
    },
    getGroup: async (groupId) => [...items].filter(([k]) => k.startsWith(`${groupId}/`)).map(([, v]) => v),
    send: async () => {},
  }
}

/** A FlowContext built from real objects; `declared` are the topics the step may emit. */
export function makeContext(stepName = 'Test', declared: string[] = []) {
  const state = new Map<string, Map<string, unknown>>()
  const events: EmitEvent[] = []
  const logs: LogLine[] = []
  const group = (id: string) => state.get(id) ?? state.set(id, new Map()).get(id)!
  const record = (level: string) => (message: string, fields?: unknown) => logs.push({ level, message, fields })
  const context: FlowContext = {
    traceId: 'trace-1',
    flows: ['f'],
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    emit: async (event) => {
      if (!declared.includes(event.topic)) throw undeclaredEmit(stepName, event.topic, declared)
      events.push(event)
    },
    state: {
      get: async <T>(groupId: string, key: string) => (group(groupId).get(key) ?? null) as T | null,
      set: async <T>(groupId: string, key: string, value: T) => (group(groupId).set(key, value), value),
      delete: async <T>(groupId: string, key: string) => {
        const value = group(groupId).get(key) ?? null
        group(groupId).delete(key)
        return value as T | null
      },
      getGroup: async <T>(groupId: string) => [...group(groupId).values()] as T[],
      clear: async (groupId: string) => void state.delete(groupId),
    },
    streams: {},
    signal: new AbortController().signal,
  }
  return { context, state, events, logs }
}

/** Waits for something another process does (a log line, a restart); fails after `ms`. */
export async function until(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Replaces pids in messages so they can be compared exactly. */
export const withoutPid = (text: string) => text.replace(/pid \d+/g, 'pid N')
