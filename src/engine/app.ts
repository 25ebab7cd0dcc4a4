import { basename, join, resolve } from 'node:path'
import { MemoryQueue, MemoryStateStore, MemoryStreamStore } from '../adapters/memory/index.js'
import type { DeadLetter, Queue } from '../adapters/queue.js'
import { lockDirectory, SqliteQueue, SqliteStateStore, SqliteStreamStore } from '../adapters/sqlite/index.js'
import type { StateStore } from '../adapters/state-store.js'
import { configNotices } from '../config/config-notices.js'
import { loadProjectConfig, type LoadedConfig } from '../config/load-config.js'
import { lateState, loadPlugins, type LoadedPlugins } from '../config/plugins.js'
import { topicConflictsOf } from '../contract/topic-conflicts.js'
import { DEFAULT_BODY_LIMIT, DEFAULT_GRACE_MS } from '../defaults.js'
import { StepConfigError } from '../errors.js'
import { adminAccessFor, generatedTokenNotice } from '../http/admin-access.js'
import { HttpServer } from '../http/server.js'
import type { Language } from '../languages/language.js'
import { NodeLanguage } from '../languages/node/index.js'
import { PythonLanguage } from '../languages/python/index.js'
import { LogSink } from '../logger/log-sink.js'
import { createLogger } from '../logger/logger.js'
import { buildFlows, topicWarnings } from '../project/flows.js'
import { loadStepsAndStreams } from '../project/load-project.js'
import type { Step } from '../project/step.js'
import { AppStreams } from '../streams/app-streams.js'
import type { StreamHub } from '../streams/stream-hub.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import type { SocketLog, StreamSocketServer } from '../streams/socket/index.js'
import { createTracer } from '../traces/create-tracer.js'
import type { Tracer } from '../traces/tracer.js'
import type { FlowContext, Logger } from '../types.js'
import { WORKBENCH_PATH, workbenchRoutes } from '../workbench/assets.js'
import { workbenchData, type WorkbenchData } from '../workbench/workbench-data.js'
import { createAdminApi } from './admin-api.js'
import type { DevStatus } from './dev-status.js'
import { RecentEvents } from './recent-events.js'
import { apiRoute } from './api-dispatch.js'
import { DEFAULT_PORT, type AppOptions } from './app-options.js'
import { stateManager, type ContextServices } from './context.js'
import { CronScheduler } from './cron-scheduler.js'
import { createEmitter, type EmitFn } from './emitter.js'
import { eventDelivery } from './event-dispatch.js'
import { subscriptionOf } from './queue-settings.js'
import { contextStreams } from './streams.js'
import { buildTopicIndex } from './topic-index.js'
import { newTraceId } from './trace-id.js'

/** A running Motia application: steps loaded, queue delivering, crons ticking, HTTP serving. */
export class MotiaApp {
  readonly sink: LogSink
  readonly logger: Logger
  steps: Step[] = []
  /** The app's streams, for the WebSocket server: set once `start()` has loaded the stream files. */
  streamHub?: StreamHub
  private readonly options: AppOptions
  private readonly stopController = new AbortController()
  private languages: Language[] = []
  private queue?: Queue
  private state?: StateStore
  private streams?: AppStreams
  private http?: HttpServer
  private streamSocket?: StreamSocketServer
  private cron?: CronScheduler
  private emitFn?: EmitFn
  private services?: ContextServices
  private plugins?: LoadedPlugins
  private closing?: Promise<void>
  private releaseDirectory?: () => void
  private tracer?: Tracer
  private readonly devStatus: DevStatus
  /** `motia dev`: the Workbench's node positions and live logs, held from the first log line. */
  private readonly workbench?: WorkbenchData

  constructor(options: AppOptions) {
    this.options = options
    this.sink = new LogSink({ level: options.logLevel ?? 'info', pretty: options.pretty ?? Boolean(process.stdout.isTTY) })
    this.logger = createLogger(this.sink, { step: 'motia' })
    this.devStatus = { mode: options.mode === 'dev' ? 'dev' : 'run', generation: 0, problems: [] }
    if (options.mode === 'dev') this.workbench = workbenchData(options.root, this.sink, (message) => this.logger.debug(message))
  }

  /** Loads and validates every step (throws StepConfigError listing all problems), then starts serving. */
  async start(): Promise<{ host: string; port: number }> {
    const { options } = this
    const env = options.env ?? process.env
    this.languages = options.languages ?? [
      new NodeLanguage(),
      new PythonLanguage({ root: options.root, env, workers: options.pythonWorkers, sink: this.sink }),
    ]
    let projectConfig: LoadedConfig | undefined
    let streamDefinitions: StreamDefinition[] = []
    try {
      projectConfig = await loadProjectConfig(options.root)
      this.plugins = projectConfig && (await this.loadPlugins(projectConfig))
      const loaded = await loadStepsAndStreams(options.root, this.languages, env, {
        strict: options.strict,
        warn: (line) => this.logger.warn(line),
        extraFiles: this.plugins?.stepFiles,
      })
      this.steps = loaded.steps
      streamDefinitions = loaded.streams
      // No event could reach every subscriber of such a topic: a start-up problem, like a bad config.
      const conflicts = topicConflictsOf(this.steps)
      if (conflicts.length > 0) throw new StepConfigError(conflicts)
    } catch (error) {
      await Promise.allSettled(this.languages.map((language) => language.close()))
      throw error
    }
    await options.onProjectLoaded?.(this.steps, streamDefinitions)

    const motiaDir = join(options.root, '.motia')
    const adapterOptions = {
      backoff: options.backoff,
      onDeadLetter: (letter: DeadLetter) =>
        createLogger(this.sink, { step: letter.stepName, traceId: letter.traceId }).error(
          `Moved to the dead-letter queue after ${letter.attempts} attempts: ${letter.error.type}: ${letter.error.message}`,
          { topic: letter.topic, deadLetterId: letter.id },
        ),
      onWarning: (message: string) => this.logger.warn(message),
      // Failures no caller waits for (an ack the disk refused): a log line, not a crash.
      onError: (error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error), { code: (error as { code?: unknown }).code }),
    }
    const embedded = !options.memory && (!options.queue || !options.state || !options.streams)
    if (embedded) this.releaseDirectory = lockDirectory(motiaDir)
    this.queue = options.queue ?? (options.memory ? new MemoryQueue(adapterOptions) : new SqliteQueue(motiaDir, adapterOptions))
    this.state = options.state ?? (options.memory ? new MemoryStateStore() : new SqliteStateStore(motiaDir))
    // A project without stream files never touches the streams table: no third connection at start.
    const durableStreams = !options.memory && streamDefinitions.length > 0
    this.streams = new AppStreams(streamDefinitions, options.streams ?? (durableStreams ? new SqliteStreamStore(motiaDir) : new MemoryStreamStore()), {
      strict: options.strict ?? false,
      warn: (message) => this.logger.warn(message),
      onListenerError: (error) => this.logger.error(`A stream change listener failed: ${error instanceof Error ? error.message : String(error)}`),
    })
    this.streamHub = this.streams

    this.tracer = await createTracer({
      env,
      dir: options.memory ? undefined : motiaDir,
      serviceName: basename(resolve(options.root)),
      onError: adapterOptions.onError,
      warn: (message) => this.logger.warn(message),
    })
    const topics = buildTopicIndex(this.steps)
    const recentEvents = new RecentEvents()
    const onEmit = options.onEmit
    this.emitFn = createEmitter(topics, this.queue, {
      undeclaredEmits: projectConfig?.config.compat?.undeclaredEmits,
      warn: (message, from, traceId) => createLogger(this.sink, { step: from.name, traceId }).warn(message),
      onEmit: onEmit ? (event) => (recentEvents.record(event), onEmit(event)) : recentEvents.record,
      tracer: this.tracer,
    })
    const services: ContextServices = (this.services = {
      sink: this.sink,
      state: stateManager(this.state),
      emit: this.emitFn,
      streams: contextStreams(this.streams.streams),
      stop: this.stopController.signal,
      tracer: this.tracer,
    })

    if (this.steps.length === 0) {
      const [steps, src] = ['steps', 'src'].map((dir) => join(resolve(options.root), dir))
      // Most often a wrong --project (or cwd): say so, but let a fresh project start.
      this.logger.warn(`No step files found under ${steps} or ${src} (*.step.ts, *.step.js, *_step.py, ...): the app serves nothing. Is --project the right folder?`)
    }
    for (const warning of topicWarnings(this.steps)) this.logger.warn(warning)
    for (const notice of projectConfig ? configNotices(projectConfig) : []) this.logger.warn(notice)

    for (const step of this.steps) {
      if (step.type === 'event') this.queue.subscribe(subscriptionOf(step), eventDelivery(step, services))
    }
    await this.queue.start()

    const strict = options.strict ?? false
    const routes = this.steps.filter((step) => step.type === 'api').map((step) => apiRoute(step, services, { strict }))
    const host = options.host ?? (options.mode === 'dev' ? '127.0.0.1' : '0.0.0.0')
    const adminAccess = adminAccessFor(options.mode === 'dev', host, options.adminToken)
    const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => this.logger[level](message, fields)
    const sockets = await this.streamSocketFor(projectConfig, log, streamDefinitions.length > 0)
    this.http = new HttpServer({
      host,
      port: options.port ?? DEFAULT_PORT,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      // `motia dev` serves the Workbench, and sends `/` there when no step claims it.
      routes: options.mode === 'dev' ? [...routes, ...workbenchRoutes()] : routes,
      rootRedirect: options.mode === 'dev' ? WORKBENCH_PATH : undefined,
      admin: createAdminApi({
        flows: buildFlows(this.steps),
        openapi: () => this.openapiDocument(),
        emit: this.emitFn,
        queue: this.queue,
        state: this.state,
        streams: () => this.streams,
        subscribedTopics: new Set(topics.keys()),
        recentEvents,
        devStatus: () => this.devStatus,
        workbench: this.workbench,
        traces: this.tracer?.store,
      }),
      adminAccess,
      log,
      pluginRoutes: this.plugins?.routes((traceId, pluginName) => this.pluginContext(traceId, pluginName)),
      onUpgrade: sockets && ((req, socket, head) => sockets.handleUpgrade(req, socket, head)),
    })
    const address = await this.http.start()

    this.cron = new CronScheduler(services)
    this.cron.start(this.steps)

    const counts = countByType(this.steps)
    this.logger.info(`Ready on http://${address.host}:${address.port}`, counts)
    if (adminAccess.generated) this.logger.info(generatedTokenNotice(address.host, adminAccess.generated))
    return address
  }

  // The stream WebSocket, when the app has streams: `streamAuth` from motia.config.ts guards its upgrade.
  private async streamSocketFor(projectConfig: LoadedConfig | undefined, log: SocketLog, hasStreams: boolean): Promise<StreamSocketServer | undefined> {
    const hub = this.options.streamHub ?? (hasStreams ? this.streams : undefined)
    if (!hub) return undefined
    const streamAuth = projectConfig?.config.streamAuth
    // Loaded only by apps that serve streams: `ws` is no part of the start of the others.
    const { StreamSocketServer } = await import('../streams/socket/index.js')
    this.streamSocket = new StreamSocketServer({
      hub,
      authenticate: streamAuth && ((request) => streamAuth.authenticate(request)),
      bufferLimit: this.options.streamBufferLimit,
      log,
    })
    return this.streamSocket
  }

  // Loaded on the first `/__motia/openapi.json`: an app nobody asks never loads the generator.
  private async openapiDocument(): Promise<unknown> {
    const { openApiDocument, projectInfo } = await import('../openapi/index.js')
    return openApiDocument(this.steps, await projectInfo(resolve(this.options.root)))
  }

  // Plugins are built before the steps load (they may add steps); their state works once the app started.
  private loadPlugins({ config, fileName }: LoadedConfig): Promise<LoadedPlugins> {
    return loadPlugins(config, {
      root: resolve(this.options.root),
      fileName,
      state: lateState(() => this.services?.state),
      loggerFor: (pluginName) => createLogger(this.sink, { step: pluginName }),
      newTraceId,
    })
  }

  // What a plugin route's handler gets: a step context without a step (its emits are not checked).
  private pluginContext(traceId: string, pluginName: string): FlowContext {
    const services = this.services as ContextServices
    return {
      traceId,
      flows: [],
      logger: createLogger(this.sink, { step: pluginName, traceId }),
      state: services.state,
      emit: (event) => services.emit(null, event, traceId),
      streams: services.streams,
      signal: services.stop,
    }
  }

  /** Emits from outside any step (no `emits` check), as the admin endpoint does. */
  emit(topic: string, data: unknown, traceId: string, messageGroupId?: string): Promise<void> {
    if (!this.emitFn) throw new Error('The app is not started')
    return this.emitFn(null, messageGroupId === undefined ? { topic, data } : { topic, data, messageGroupId }, traceId)
  }

  /** Events stored but not yet done (pending, delayed, retrying, in flight); undefined when the queue cannot tell. */
  get heldMessages(): number | undefined {
    return this.queue?.heldMessages
  }

  /**
   * Stops intake (HTTP, cron), lets in-flight handlers finish up to the grace period, flushes the
   * queue and state to disk, and stops the language runtimes. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  private async shutdown(): Promise<void> {
    const graceMs = this.options.graceMs ?? DEFAULT_GRACE_MS
    // One grace period for the whole shutdown: what HTTP and cron used is gone for the queue.
    const deadline = Date.now() + graceMs
    this.logger.info('Shutting down')
    this.workbench?.logStreams.close()
    await Promise.allSettled([this.streamSocket?.close(graceMs), this.http?.close(graceMs), this.cron?.close(graceMs)])
    await this.queue?.close(Math.max(0, deadline - Date.now()))
    await this.plugins?.shutdown()
    this.stopController.abort(new Error('The app is shutting down'))
    await Promise.allSettled(this.languages.map((language) => language.close()))
    await this.state?.close()
    await this.streams?.close()
    await this.tracer?.close()
    this.releaseDirectory?.()
    this.logger.info('Stopped')
    this.sink.flush()
  }
}

function countByType(steps: readonly Step[]): Record<string, number> {
  const counts: Record<string, number> = { api: 0, event: 0, cron: 0, noop: 0 }
  for (const step of steps) counts[step.type] = (counts[step.type] ?? 0) + 1
  return counts
}
