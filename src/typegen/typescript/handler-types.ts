// One `Handlers` entry per step of the contract: its input, request or context, and what it may emit.
import type { ContractApi, ContractStep, ContractTopic } from '../../contract/index.js'
import { schemaToType } from './schema-to-type.js'
import { propertyKey, quote, unionOf } from './ts-syntax.js'

export interface HandlerEntry {
  /** Comment lines (without `//`) written above the entry: why part of it is `never`. */
  notes: string[]
  /** `'StepName': EventHandler<...>` */
  line: string
}

/** Undefined for noop steps: they have no handler. */
export function handlerEntry(step: ContractStep, topics: ReadonlyMap<string, ContractTopic>): HandlerEntry | undefined {
  const { type: emit, notes } = emitUnion(step, topics)
  const key = quote(step.name)
  // Without `input`, any JSON value arrives (Motia v0.x said `never`); without `bodySchema`, a record (as v0.x).
  if (step.type === 'event') return { notes, line: `${key}: EventHandler<${step.input ? schemaToType(step.input) : 'unknown'}, ${emit}>` }
  if (step.type === 'cron') return { notes, line: `${key}: CronHandler<${emit}>` }
  if (step.type === 'api' && step.api) return { notes, line: `${key}: ApiRouteHandler<${apiGenerics(step.api, emit).join(', ')}>` }
  return undefined
}

function apiGenerics(api: ContractApi, emit: string): string[] {
  const body = api.body ? schemaToType(api.body) : 'Record<string, unknown>'
  const generics = [body, responseUnion(api.responses), emit]
  if (api.pathParams.length === 0 && api.queryParams.length === 0) return generics
  // Path parameters are always there; a query parameter may be missing, and undeclared ones still arrive.
  const pathParams = api.pathParams.length > 0 ? `{ ${api.pathParams.map((name) => `${propertyKey(name)}: string`).join('; ')} }` : 'Record<string, string>'
  const queryNames = [...new Set(api.queryParams.map((param) => param.name))]
  const queryParams = `{ ${[...queryNames.map((name) => `${propertyKey(name)}?: string | string[]`), '[name: string]: string | string[] | undefined'].join('; ')} }`
  return [...generics, pathParams, queryParams]
}

// `ApiResponse<200, A> | ApiResponse<404, B>`, by status; a key that is not a status (`2XX`) types any.
function responseUnion(responses: Record<string, unknown>): string {
  const entries = Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
  if (entries.length === 0) return 'ApiResponse<number, unknown>'
  return unionOf(entries.map(([status, schema]) => `ApiResponse<${/^\d+$/.test(status) ? status : 'number'}, ${schemaToType(schema)}>`))
}

// `{ topic: 't'; data: T }` per topic the step may emit; `never` when it emits nothing (Motia v0.x).
function emitUnion(step: ContractStep, topics: ReadonlyMap<string, ContractTopic>): { type: string; notes: string[] } {
  const notes: string[] = []
  const members = step.emits.map((name) => {
    const topic = topics.get(name)
    const payload = topic?.payload ?? { kind: 'any' as const }
    let data = 'unknown'
    if (payload.kind === 'schema') data = schemaToType(payload.schema)
    else if (payload.kind === 'conflict') {
      data = 'never'
      notes.push(`${quote(name)} is typed never: ${payload.message}`)
    }
    const group = topic?.fifo ? '; messageGroupId: string' : ''
    return `{ topic: ${quote(name)}; data: ${data}${group} }`
  })
  return { type: members.length === 0 ? 'never' : members.join(' | '), notes }
}
