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
  /**
   * The delivery lease, in seconds: a delivery whose handler still runs after it fails
   * (E_LEASE_EXPIRED) and is retried. Must be greater than `handler.timeout` when both are set.
   */
  visibilityTimeout: number
  /** Delay before the first delivery, in seconds (0-900). */
  delaySeconds: number
  /** At most this many invocations of the step at once. */
  concurrency?: number
}

export interface InfrastructureConfig {
  handler?: {
    /** Seconds one invocation may run (1-900, default 300); then it fails with E_HANDLER_TIMEOUT and is retried. */
    timeout?: number
    /** Refused at load: motia runs handlers in local processes and cannot reserve memory for them. */
    ram?: number
    /** Refused at load: motia runs handlers in local processes and cannot reserve CPUs for them. */
    cpu?: number
  }
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

/** Path and query parameters are typed per step by the generated `types.d.ts`; these are the defaults. */
export type PathParams = Record<string, string>
export type QueryParams = Record<string, string | string[]>
/** What a step's typed query parameters may be: declared ones are optional (a client may leave them out). */
export type TypedQueryParams = Record<string, string | string[] | undefined>

export interface ApiRequest<TBody = unknown, TPathParams extends PathParams = PathParams, TQueryParams extends TypedQueryParams = QueryParams> {
  pathParams: TPathParams
  queryParams: TQueryParams
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
  /** Throws E_INVOCATION_ENDED once the invocation ended (returned, failed or past its deadline). */
  state: InternalStateManager
  /**
   * Throws E_INVOCATION_ENDED once the invocation ended (returned, failed or past its deadline).
   * A method, not an `Emitter` property: a handler whose context is annotated with plain `FlowContext`
   * then fits any generated `Handlers` entry (as in Motia v0.x); calls are checked all the same.
   */
  emit(event: TEmit): Promise<void>
  streams: FlowContextStateStreams & Record<string, MotiaStream>
  /**
   * Aborted when the invocation reaches its deadline (`infrastructure.handler.timeout`, default 300 s,
   * or the event's `visibilityTimeout` lease) or when the app stops. Pass it to `fetch` and other
   * cancellable work, so that a handler past its deadline stops instead of running on unseen.
   *
   * @example
   * export const handler: Handlers['Summarize'] = async (input, { emit, signal }) => {
   *   const response = await fetch(LLM_URL, { method: 'POST', body: JSON.stringify(input), signal })
   *   await emit({ topic: 'summary.ready', data: await response.json() })
   * }
   */
  signal: AbortSignal
}

export type EventHandler<TInput = unknown, TEmit = EmitEvent> = (
  input: TInput,
  ctx: FlowContext<TEmit>,
) => Promise<void>

/**
 * An API step's handler. The last two parameters (not in Motia v0.x) type `req.pathParams` and
 * `req.queryParams`; `motia generate-types` fills them from the step's `path` and `queryParams`.
 */
export type ApiRouteHandler<
  TBody = unknown,
  TResponse extends ApiResponse = ApiResponse,
  TEmit = EmitEvent,
  TPathParams extends PathParams = PathParams,
  TQueryParams extends TypedQueryParams = QueryParams,
> = (
  req: ApiRequest<TBody, TPathParams, TQueryParams>,
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

/**
 * The handler type for a step's config, as Motia v0.x offered it: `StepHandler<typeof config>`.
 * Inputs and emits are loosely typed; `Handlers['StepName']` (generated types) is the exact one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any
export type StepHandler<T> = T extends EventConfig
  ? EventHandler<Loose, Loose>
  : T extends ApiRouteConfig
    ? ApiRouteHandler<Loose, ApiResponse<number, Loose>, Loose>
    : T extends CronConfig
      ? CronHandler<Loose>
      : never

/**
 * A stream file's `config` (`*.stream.ts`, `*_stream.py`; Motia v0.x). Steps use the stream as
 * `ctx.streams.<name>`; items live in `.motia/motia.db` with the state. `schema` is advisory (a mismatch is
 * logged) unless the app runs with `--strict`. `storageType: 'custom'` is refused at start.
 * `canAccess` decides each WebSocket subscription; none lets every client in.
 */
export interface StreamConfig {
  name: string
  schema: StepSchemaInput
  baseConfig: { storageType: 'default' } | { storageType: 'custom'; factory: () => unknown }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  canAccess?: (subscription: { groupId: string; id?: string }, authContext: any) => boolean | Promise<boolean>
}

/** The route a plugin serves with `registerApi`: an app route, like an API step's. */
export interface PluginApiConfig {
  method?: ApiRouteMethod
  path: string
}

/** What a plugin gets from motia (Motia v0.x's MotiaPluginContext, without the Workbench internals). */
export interface MotiaPluginContext {
  /** Serves `handler` on `method` (default GET) and `path`, as an app route in `dev` and `run`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  registerApi(config: PluginApiConfig, handler: ApiRouteHandler<any, any, any>): void
  /** The project's state, as steps see it. */
  state: InternalStateManager
  /** Logs as the plugin. */
  logger: Logger
  /** Motia v0.x name for the logger. */
  printer: Logger
}

/** A v0.x Workbench panel: accepted for compatibility, not shown (motia's Workbench has its own views). */
export interface WorkbenchPlugin {
  packageName: string
  componentName?: string
  label?: string
  [field: string]: unknown
}

export interface MotiaPlugin {
  workbench?: WorkbenchPlugin[]
  /** The plugin's folder: relative `steps` entries are resolved from it. */
  dirname?: string
  /** Step files, folders or globs (`steps/**\/*.step.ts`) loaded with the project's steps. */
  steps?: string[]
  /** Called once when the app stops. */
  onShutdown?: () => void | Promise<void>
}

export type MotiaPluginBuilder = (motia: MotiaPluginContext) => MotiaPlugin

export interface RedisConfig {
  useMemoryServer?: boolean
  host?: string
  port?: number
  password?: string
  username?: string
  db?: number
}

/** Motia v0.x adapter instances (@motiadev/adapter-*): accepted, not used (motia says so); `redis` or MOTIA_REDIS_URL runs on Redis. */
export interface AdaptersConfig {
  state?: unknown
  streams?: unknown
  events?: unknown
  cron?: unknown
}

export interface CompatConfig {
  /**
   * An emit to a topic not in the step's `emits`: `'error'` (default) fails it with E_UNDECLARED_EMIT;
   * `'warn'` logs a warning and delivers it, as Motia v0.x did.
   */
  undeclaredEmits?: 'error' | 'warn'
}

/** What `streamAuth.authenticate` gets: the WebSocket upgrade request's headers and URL. */
export interface StreamAuthRequest {
  headers: Record<string, string | string[] | undefined>
  url?: string
}

/** Motia v0.x's stream authentication, run once per WebSocket connection at the upgrade. */
export interface StreamAuthConfig<TAuthContext = unknown> {
  /**
   * Runs once per WebSocket connection, at the upgrade. Throwing (or rejecting) refuses it with HTTP 401;
   * what it returns is the connection's auth context, handed to every `canAccess(subscription, authContext)`.
   */
  authenticate(request: StreamAuthRequest): TAuthContext | Promise<TAuthContext>
  /** The auth context's schema: Motia v0.x used it for generated types only; accepted, not checked. */
  contextSchema?: StepSchemaInput
}

/** `motia.config.ts` / `.js`: `export default config({ ... })`. */
export interface MotiaConfig {
  plugins?: MotiaPluginBuilder[]
  adapters?: AdaptersConfig
  redis?: RedisConfig
  compat?: CompatConfig
  /** Motia v0.x's Express hook: accepted, not used. */
  app?: unknown
  /** Who may open the stream WebSocket; each subscription is then checked by the stream's `canAccess`. */
  streamAuth?: StreamAuthConfig
}
