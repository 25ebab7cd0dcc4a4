// The project's contract, in one language-neutral shape: what each step takes and emits, and what each
// topic's subscribers accept. Generated types (TypeScript and Python), `motia check` and the test kits
// all read it, so they cannot disagree. Plain JSON: `motia contract` prints it as is.
import type { StepLanguage, StepType } from '../project/step.js'
import type { ApiRouteMethod, JsonSchema } from '../types.js'

export interface ProjectContract {
  /** Every step, sorted by name. */
  steps: ContractStep[]
  /** Every topic a step emits or subscribes to (virtual edges excluded), sorted by topic. */
  topics: ContractTopic[]
  /** Every stream, sorted by name. */
  streams: ContractStream[]
}

export interface ContractStep {
  name: string
  type: StepType
  language: StepLanguage
  /** Relative to the project root, with `/` separators. */
  file: string
  flows: string[]
  /** Topics the step may emit (its `emits`; `virtualEmits` grant nothing), sorted. */
  emits: string[]
  /** Event steps: the topics it subscribes to, in declared order. */
  subscribes?: string[]
  /** Event steps: the `input` schema; absent when the step declares none (it accepts anything). */
  input?: JsonSchema
  /** Event steps: true when its queue is fifo (events then need a `messageGroupId`). */
  fifo?: boolean
  api?: ContractApi
  /** Cron steps: the expression as configured. */
  cron?: string
}

export interface ContractApi {
  method: ApiRouteMethod
  path: string
  /** Path parameter names, in order (`/users/:id` -> `['id']`). */
  pathParams: string[]
  queryParams: { name: string; description?: string }[]
  /** Absent when the step declares no `bodySchema`. */
  body?: JsonSchema
  /** `responseSchema` per status, keys as declared (`'200'`, ...). */
  responses: Record<string, JsonSchema>
}

export interface ContractTopic {
  topic: string
  /** Names of the steps that may emit it, sorted. */
  emitters: string[]
  /** Names of the event steps subscribed to it, sorted. */
  subscribers: string[]
  /** True when any subscriber is fifo: every event then needs a `messageGroupId`. */
  fifo: boolean
  /** What an event's `data` must be for every subscriber to accept it. */
  payload: TopicPayload
}

export type TopicPayload =
  /** No subscriber declares an `input` schema (or nobody subscribes): any JSON value. */
  | { kind: 'any' }
  /** The one schema every subscriber accepts (a single subscriber's own, or their merge). */
  | { kind: 'schema'; schema: JsonSchema }
  /** No value can satisfy every subscriber: `message` names the steps and the field. */
  | { kind: 'conflict'; message: string; steps: string[]; pointer: string }

export interface ContractStream {
  name: string
  file: string
  language: StepLanguage
  /** The item schema; absent when the stream declares none. */
  schema?: JsonSchema
}
