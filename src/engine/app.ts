import { basename, join, resolve } from 'node:path'
import type { CronSchedule } from '../adapters/cron-schedule.js'
import type { Queue } from '../adapters/queue.js'
import type { StateStore } from '../adapters/state-store.js'
import { configNotices } from '../config/config-notices.js'
import { redisSettingsOf } from '../config/redis-settings.js'
import { loadProjectConfig, type LoadedConfig } from '../config/load-config.js'
import { lateState, loadPlugins, type LoadedPlugins } from '../config/plugins.js'
import { topicConflictsOf } from '../contract/topic-conflicts.js'
import { DEFAULT_BODY_LIMIT, DEFAULT_GRACE_MS } from '../defaults.js'
import { StepConfigError, type StepProblem } from '../errors.js'
import { adminAccessFor, generatedTokenNotice } from '../http/admin-access.js'
import { HttpServer } from '../http/server.js'
import type { Language } from '../languages/language.js'
import { LogSink } from '../logger/log-sink.js'
import { createLogger } from '../logger/logger.js'
import { topicWarnings } from '../project/flows.js'
import { loadStepsAndStreams } from '../project/load-project.js'
import type { Step } from '../project/step.js'
import type { AppStreams } from '../streams/app-streams.js'
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
import { AppLanguages } from './app-languages.js'
import { DEFAULT_PORT, type AppOptions } from './app-options.js'
import { logFailure, openStorage } from './app-storage.js'
import { stateManager, type ContextServices } from './context.js'
import { CronScheduler } from './cron-scheduler.js'
import { createEmitter, type EmitFn } from './emitter.js'
import { contextStreams } from './streams.js'
import { LiveSteps } from './live-steps.js'
import type { ProjectVersion, VersionRequest } from './reload/load-version.js'
import type { ReloadOutcome, ReloadTarget } from './reload/reload-target.js'
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
  private sharedCron?: CronSchedule
  private emitFn?: EmitFn
  private services?: ContextServices
  private plugins?: LoadedPlugins
  private closing?: Promise<void>
  private releaseDirectory?: () => void
  private tracer?: Tracer
  readonly devStatus: DevStatus
  /** `motia dev`: the Workbench's node positions and live logs, held from the first log line. */
  private readonly workbench?: WorkbenchData
  /** `motia dev`: what each file serves, where reloads start from. */
  private version?: ProjectVersion
  private live?: LiveSteps
  private openapi?: Promise<unknown>
  private readonly languageFactory: AppLanguages

  constructor(options: AppOptions) {
    this.options = options
    this.sink = new LogSink({ level: options.logLevel ?? 'info', pretty: options.pretty ?? Boolean(process.stdout.isTTY) })
    this.logger = createLogger(this.sink, { step: 'motia' })
    this.devStatus = { mode: options.mode === 'dev' ? 'dev' : 'run', generation: 0, problems: [] }
    if (options.mode === 'dev') this.workbench = workbenchData(options.root, this.sink, (message) => this.logger.debug(message))
    this.languageFactory = new AppLanguages(options, this.sink)
  }

  /**
   * Loads and validates every step, then starts serving. `motia run` throws StepConfigError listing all
   * problems; `motia dev` serves the steps that load and reports the others (log and devStatus).
   */
  async start(): Promise<{ host: string; port: number }> {
    const { options } = this
    const env = options.env ?? process.env
    this.languages = this.languageFactory.create()
    let projectConfig: LoadedConfig | undefined
    let streamDefinitions: StreamDefinition[] = []
    try {
      projectConfig = await loadProjectConfig(options.root)
      this.plugins = projectConfig && (await this.loadPlugins(projectConfig))
      if (options.mode === 'dev' && options.reload !== false) {
        // Loaded here: `motia run` never loads the reload code.
        const { loadVersion } = await import('./reload/load-version.js')
        this.version = await loadVersion(this.versionRequest(this.languages))
        for (const problem of this.version.problems) this.logger.error(`Could not load ${describeProblem(problem)}; the other steps serve, and saving the fixed file loads it`)
        this.devStatus.problems = this.version.problems
        this.steps = this.version.steps
        streamDefinitions = this.version.streams
      } else {
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
      }
    } catch (error) {
      await Promise.allSettled(this.languages.map((language) => language.close()))
      throw error
    }
    await options.onProjectLoaded?.(this.steps, streamDefinitions)

    const redis = redisSettingsOf(projectConfig?.config, projectConfig?.fileName, env, options.redisUrl)
    const storage = await openStorage(options, this.sink, this.logger, streamDefinitions, redis)
    this.releaseDirectory = storage.releaseDirectory
    this.queue = storage.queue
    this.state = storage.state
    this.streams = storage.streams
    this.streamHub = this.streams
    this.sharedCron = storage.shared?.cron

    this.tracer = await createTracer({
      env,
      // On Redis each node keeps its own traces in memory: `.motia/traces.sqlite` is one process's file, and
      // several nodes may run from one checkout. OTLP export gathers them across nodes.
      dir: options.memory || storage.shared ? undefined : join(options.root, '.motia'),
      serviceName: basename(resolve(options.root)),
      onError: logFailure(this.logger),
      warn: (message) => this.logger.warn(message),
    })
    const recentEvents = new RecentEvents()
    const onEmit = options.onEmit
    const services: ContextServices = (this.services = {
      sink: this.sink,
      state: stateManager(this.state),
      emit: (from, event, traceId, parentSpanId) => this.emitFn!(from, event, traceId, parentSpanId),
      streams: contextStreams(this.streams.streams),
      stop: this.stopController.signal,
      tracer: this.tracer,
    })
    const live = (this.live = new LiveSteps({
      queue: this.queue,
      services,
      streams: this.streams,
      strict: options.strict ?? false,
      // `motia dev` serves the Workbench, and sends `/` there when no step claims it.
      extraRoutes: options.mode === 'dev' ? workbenchRoutes() : [],
    }))
    this.emitFn = createEmitter(live.topics, this.queue, {
      undeclaredEmits: projectConfig?.config.compat?.undeclaredEmits,
      warn: (message, from, traceId) => createLogger(this.sink, { step: from.name, traceId }).warn(message),
      onEmit: onEmit ? (event) => (recentEvents.record(event), onEmit(event)) : recentEvents.record,
      tracer: this.tracer,
    })

    if (this.steps.length === 0 && this.devStatus.problems.length === 0) {
      const [steps, src] = ['steps', 'src'].map((dir) => join(resolve(options.root), dir))
      // Most often a wrong --project (or cwd): say so, but let a fresh project start.
      this.logger.warn(`No step files found under ${steps} or ${src} (*.step.ts, *.step.js, *_step.py, ...): the app serves nothing. Is --project the right folder?`)
    }
    for (const warning of topicWarnings(this.steps)) this.logger.warn(warning)
    for (const notice of projectConfig ? configNotices(projectConfig, redis) : []) this.logger.warn(notice)

    live.apply(this.steps, streamDefinitions)
    await this.queue.start()

    const host = options.host ?? (options.mode === 'dev' ? '127.0.0.1' : '0.0.0.0')
    const adminAccess = adminAccessFor(options.mode === 'dev', host, options.adminToken)
    const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => this.logger[level](message, fields)
    const sockets = await this.streamSocketFor(projectConfig, log, streamDefinitions.length > 0 || options.mode === 'dev')
    this.http = new HttpServer({
      host,
      port: options.port ?? DEFAULT_PORT,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      routes: live.routes(this.steps),
      rootRedirect: options.mode === 'dev' ? WORKBENCH_PATH : undefined,
      admin: createAdminApi({
        flows: () => live.flows,
        openapi: () => this.openapiDocument(),
        emit: this.emitFn,
        queue: this.queue,
        state: this.state,
        streams: () => this.streams,
        subscribedTopics: live.subscribedTopics,
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

    this.cron = new CronScheduler(services, this.sharedCron)
    await this.cron.start(this.steps)
    live.attach(this.http, this.cron)

    const counts = countByType(this.steps)
    this.logger.info(`Ready on http://${address.host}:${address.port}`, counts)
    if (adminAccess.generated) this.logger.info(generatedTokenNotice(address.host, adminAccess.generated))
    this.prepareSparePython()
    return address
  }

  /**
   * `motia dev`: loads the project again after `changed` (absolute paths) changed, and serves what loads;
   * a file that does not load keeps its previous version. Resolves once the new version serves (or was refused).
   */
  async reload(changed: readonly string[]): Promise<ReloadOutcome> {
    if (!this.version || !this.live) throw new Error('The app is not started in dev mode')
    const { reloadProject } = await import('./reload/reload-project.js')
    const outcome = await reloadProject(this.reloadTarget(), changed)
    this.prepareSparePython()
    return outcome
  }

  // `motia dev`: Python runners started ahead for the next reload, when the project has Python files.
  private prepareSparePython(): void {
    const { version } = this
    if (!version || this.closing) return
    const files = [...version.files.keys(), ...version.problems.map((problem) => problem.filePath)]
    if (files.some((file) => file.endsWith('.py'))) this.languageFactory.warmPython(resolve(this.options.root))
  }

  private reloadTarget(): ReloadTarget {
    return {
      root: resolve(this.options.root),
      logger: this.logger,
      devStatus: this.devStatus,
      languages: this.languages,
      version: this.version!,
      request: (loading) => this.versionRequest(loading),
      newLanguages: (ids) => this.languageFactory.create(ids),
      apply: (version) => {
        this.live!.apply(version.steps, version.streams)
        this.version = version
        this.steps = version.steps
        this.openapi = undefined
      },
      adopt: (languages) => {
        this.languages = languages
      },
    }
  }

  private versionRequest(loading: readonly Language[]): VersionRequest {
    return {
      root: resolve(this.options.root),
      env: this.options.env ?? process.env,
      strict: this.options.strict ?? false,
      extraFiles: this.plugins?.stepFiles,
      loading,
      languages: this.languages,
      previous: this.version,
      warn: (line) => this.logger.warn(line),
    }
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

  // Loaded on the first `/__motia/openapi.json`: an app nobody asks never loads the generator. One
  // document (the same bytes on every request) until a reload changes the steps.
  private openapiDocument(): Promise<unknown> {
    this.openapi ??= import('../openapi/index.js').then(async ({ openApiDocument, projectInfo }) =>
      openApiDocument(this.steps, await projectInfo(resolve(this.options.root))),
    )
    return this.openapi
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
    await Promise.allSettled([this.streamSocket?.close(graceMs), this.http?.close(graceMs), (this.cron ?? this.sharedCron)?.close(graceMs)])
    await this.queue?.close(Math.max(0, deadline - Date.now()))
    await this.plugins?.shutdown()
    this.stopController.abort(new Error('The app is shutting down'))
    await Promise.allSettled([...[...this.languages, ...runtimesOf(this.steps)].map((language) => language.close()), this.languageFactory.close()])
    await this.state?.close()
    await this.streams?.close()
    await this.tracer?.close()
    this.releaseDirectory?.()
    this.logger.info('Stopped')
    this.sink.flush()
  }
}

function runtimesOf(steps: readonly Step[]): Set<Language> {
  return new Set(steps.map((step) => step.runtime))
}

function describeProblem(problem: StepProblem): string {
  return `${problem.filePath}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`
}

function countByType(steps: readonly Step[]): Record<string, number> {
  const counts: Record<string, number> = { api: 0, event: 0, cron: 0, noop: 0 }
  for (const step of steps) counts[step.type] = (counts[step.type] ?? 0) + 1
  return counts
}
