import type { ApiRouteMethod, Emit, InfrastructureConfig, JsonSchema } from '../types.js'
import type { Language } from '../languages/language.js'

export type StepLanguage = 'typescript' | 'javascript' | 'python'
export type StepType = 'event' | 'api' | 'cron' | 'noop'

/**
 * A step config as read from a file, with every schema already converted to JSON Schema
 * (zod and pydantic are converted by the language that loaded the file). Functions such as
 * `middleware` stay with the language that owns the file.
 */
export interface StepConfigData {
  type: StepType
  name: string
  description?: string
  flows?: string[]
  emits?: Emit[]
  virtualEmits?: Emit[]
  virtualSubscribes?: string[]
  includeFiles?: string[]
  // event
  subscribes?: string[]
  input?: JsonSchema | null
  infrastructure?: InfrastructureConfig
  // api
  path?: string
  method?: ApiRouteMethod
  bodySchema?: JsonSchema | null
  responseSchema?: Record<string, JsonSchema>
  queryParams?: { name: string; description?: string }[]
  /** Names of the API middleware functions; the functions stay with the language that loaded them. */
  middleware?: string[]
  // cron
  cron?: string
  [other: string]: unknown
}

/** What a language hands back for one step file it read. */
export interface StepDefinition {
  filePath: string
  language: StepLanguage
  config: StepConfigData
}

/** A step that passed validation, ready for the engine. */
export interface Step extends StepDefinition {
  name: string
  type: StepType
  /** Path relative to the project root, for messages and the flow graph. */
  relativePath: string
  /** Topics the step may emit (from `emits`; `virtualEmits` grant nothing). */
  emitTopics: ReadonlySet<string>
  runtime: Language
}
