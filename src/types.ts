// The step API users write against (Motia v0.x compatible). Type-only file.

/** A schema as users write it: a zod (v3 or v4) object/array, or a plain JSON Schema object. */
export type StepSchemaInput = object

export type JsonSchema = Record<string, unknown>

/** A topic a step may emit. `label` and `conditional` only affect the flow graph. */
export type Emit = string | { topic: string; label?: string; conditional?: boolean }

interface BaseConfig {
  /** Unique step name across the project. */
  name: string
  description?: string
  /** Flows this step is drawn in. */
  flows?: string[]
  /** Graph-only edges: they grant no permission to emit. */
  virtualEmits?: Emit[]
  virtualSubscribes?: string[]
  /** Files bundled with the step on deploy (paths relative to the step file). */
  includeFiles?: string[]
}

export interface QueueConfig {
  type: 'standard' | 'fifo'
  /** Retries after the first attempt: `maxRetries: 3` means at most 4 attempts. */
  maxRetries: number
  visibilityTimeout: number
  /** Delay before the first delivery, in seconds (0-900). */
  delaySeconds: number
  /** At most this many invocations of the step at once. */
  concurrency?: number
}

export interface InfrastructureConfig {
  handler?: { timeout?: number; ram?: number; cpu?: number }
  queue?: Partial<QueueConfig>
}

export interface EventConfig extends BaseConfig {
  type: 'event'
  subscribes: string[]
  emits: Emit[]
  input?: StepSchemaInput | null
  infrastructure?: InfrastructureConfig
}

export interface ApiRouteConfig extends BaseConfig {
  type: 'api'
  path: string
  method: ApiRouteMethod
  emits: Emit[]
  bodySchema?: StepSchemaInput | null
  responseSchema?: Record<number | string, StepSchemaInput>
  queryParams?: { name: string; description?: string }[]
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middleware?: ApiMiddleware<any, any, any>[]
}

export interface CronConfig extends BaseConfig {
  type: 'cron'
  /** 5 fields, or 6 with leading seconds. */
  cron: string
  emits: Emit[]
}

export interface NoopConfig extends BaseConfig {
  type: 'noop'
  virtualEmits: Emit[]
  virtualSubscribes: string[]
}

export type StepConfig = EventConfig | ApiRouteConfig | CronConfig | NoopConfig

export type ApiRouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD'

export interface ApiRequest<TBody = unknown> {
  pathParams: Record<string, string>
  queryParams: Record<string, string | string[]>
  body: TBody
  headers: Record<string, string | string[] | undefined>
  rawBody: string
  // Middleware may attach fields (e.g. `req.user`), as in Motia v0.x.
  [extra: string]: unknown
}

export interface ApiResponse<TStatus extends number = number, TBody = unknown> {
  status: TStatus
  headers?: Record<string, string>
  body: TBody
}

/** What `emit` takes. `messageGroupId` orders delivery on fifo subscribers. */
export interface EmitEvent<TTopic extends string = string, TData = unknown> {
  topic: TTopic
  data: TData
  messageGroupId?: string
}

export type Emitter<TEmit = EmitEvent> = (event: TEmit) => Promise<void>

export interface Logger {
  debug(message: string, fields?: unknown): void
  info(message: string, fields?: unknown): void
  warn(message: string, fields?: unknown): void
  error(message: string, fields?: unknown): void
}

/** Key/value state shared by every step, partitioned by group id. */
export interface InternalStateManager {
  get<T = unknown>(groupId: string, key: string): Promise<T | null>
  set<T = unknown>(groupId: string, key: string, value: T): Promise<T>
  delete<T = unknown>(groupId: string, key: string): Promise<T | null>
  getGroup<T = unknown>(groupId: string): Promise<T[]>
  clear(groupId: string): Promise<void>
}

export interface StreamItem {
  id: string
  [field: string]: unknown
}

export interface MotiaStream<T = unknown> {
  get(groupId: string, id: string): Promise<(T & StreamItem) | null>
  set(groupId: string, id: string, data: T): Promise<T & StreamItem>
  delete(groupId: string, id: string): Promise<(T & StreamItem) | null>
  getGroup(groupId: string): Promise<(T & StreamItem)[]>
  send(channel: { groupId: string; id?: string }, event: { type: string; data: unknown }): Promise<void>
}

/** Augmented by generated `types.d.ts` with one entry per declared stream. */
// biome-ignore lint/suspicious/noEmptyInterface: generated types.d.ts augments it (Motia v0.x compat); a type alias could not be augmented
export interface FlowContextStateStreams {}

export interface FlowContext<TEmit = EmitEvent> {
  traceId: string
  flows: string[]
  logger: Logger
  state: InternalStateManager
  emit: Emitter<TEmit>
  streams: FlowContextStateStreams & Record<string, MotiaStream>
}

export type EventHandler<TInput = unknown, TEmit = EmitEvent> = (
  input: TInput,
  ctx: FlowContext<TEmit>,
) => Promise<void>

export type ApiRouteHandler<TBody = unknown, TResponse extends ApiResponse = ApiResponse, TEmit = EmitEvent> = (
  req: ApiRequest<TBody>,
  ctx: FlowContext<TEmit>,
) => Promise<TResponse>

export type CronHandler<TEmit = EmitEvent> = (ctx: FlowContext<TEmit>) => Promise<void>

export type ApiMiddleware<TBody = unknown, TEmit = EmitEvent, TResponse extends ApiResponse = ApiResponse> = (
  req: ApiRequest<TBody>,
  ctx: FlowContext<TEmit>,
  next: () => Promise<ApiResponse>,
) => Promise<TResponse>

// Until `motia generate-types` writes exact types, the first parameter is loosely typed: it is an
// event input, an API request or (for cron) the context, and casts such as `input as Order` must work.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStepHandler = (arg0: any, ctx: FlowContext<any>) => Promise<any>

/**
 * One entry per step name. `motia generate-types` augments it with exact input and emit types;
 * until then any step name gives a handler typed loosely, so step files type-check from day one.
 */
export interface Handlers {
  [stepName: string]: AnyStepHandler
}
