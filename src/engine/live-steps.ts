// What the running app derives from its steps and streams, replaced as a whole when `motia dev`
// reloads: HTTP routes, queue subscriptions, the emitter's topic index, cron jobs, flows, streams.
import type { Queue } from '../adapters/queue.js'
import type { HttpRoute, HttpServer } from '../http/server.js'
import { buildFlows } from '../project/flows.js'
import type { Step } from '../project/step.js'
import type { AppStreams } from '../streams/app-streams.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import { apiRoute } from './api-dispatch.js'
import type { ContextServices } from './context.js'
import type { CronScheduler } from './cron-scheduler.js'
import { eventDelivery } from './event-dispatch.js'
import { subscriptionOf } from './queue-settings.js'
import { buildTopicIndex, type Subscriber } from './topic-index.js'

export interface LiveStepsParts {
  queue: Queue
  services: ContextServices
  streams: AppStreams
  strict: boolean
  /** Routes served beside the steps' (the Workbench in `motia dev`). */
  extraRoutes: readonly HttpRoute[]
}

/**
 * The topic index and the subscribed topics are the same objects for the app's life (the emitter and
 * the admin API hold them) and change in place, in one synchronous step: an emit sees the old or the new
 * subscribers, never a mix.
 */
export class LiveSteps {
  readonly topics = new Map<string, Subscriber[]>()
  readonly subscribedTopics = new Set<string>()
  steps: readonly Step[] = []
  flows: unknown = []
  /** Bumped by each `apply`: what the OpenAPI document was built for. */
  version = 0
  private http?: HttpServer
  private cron?: CronScheduler

  constructor(private readonly parts: LiveStepsParts) {}

  /** The routes of `steps`, for the first HttpServer. */
  routes(steps: readonly Step[]): HttpRoute[] {
    const { services, strict, extraRoutes } = this.parts
    return [...steps.filter((step) => step.type === 'api').map((step) => apiRoute(step, services, { strict })), ...extraRoutes]
  }

  /** Once the server and the scheduler exist: later `apply` calls update them. */
  attach(http: HttpServer, cron: CronScheduler): void {
    this.http = http
    this.cron = cron
  }

  /**
   * Serves `steps` and `streams` instead of the current ones. Throws (and changes nothing) when the
   * routes clash. Messages of a removed step stay stored, delivered once a step of that name subscribes.
   */
  apply(steps: readonly Step[], streams: readonly StreamDefinition[]): void {
    this.http?.setRoutes(this.routes(steps))
    const { queue, services } = this.parts
    const names = new Set(steps.map((step) => step.name))
    for (const step of this.steps) if (step.type === 'event' && !names.has(step.name)) queue.unsubscribe(step.name)
    // A step that stops subscribing (now an API step, say) is detached; then every event step (re)attaches.
    for (const step of steps) if (step.type !== 'event' && this.steps.some((old) => old.name === step.name && old.type === 'event')) queue.unsubscribe(step.name)
    for (const step of steps) if (step.type === 'event') queue.subscribe(subscriptionOf(step), eventDelivery(step, services))
    const topics = buildTopicIndex(steps)
    this.topics.clear()
    this.subscribedTopics.clear()
    for (const [topic, subscribers] of topics) {
      this.topics.set(topic, subscribers)
      this.subscribedTopics.add(topic)
    }
    this.cron?.reschedule(steps)
    this.parts.streams.redefine(streams)
    this.flows = buildFlows(steps)
    this.steps = steps
    this.version++
  }
}
