// `createMotiaTester()`: the project booted in this process, in memory, on a free loopback port, as
// `@motiadev/test` did; requests go over real HTTP, events through the app's own queue.
import { resolve } from 'node:path'
import { MotiaApp } from '../engine/app.js'
import { newTraceId } from '../engine/trace-id.js'
import type { LogLevel } from '../logger/levels.js'
import type { Logger } from '../types.js'
import { sendRequest, type RequestOptions, type TestResponse } from './http-request.js'
import { Watchers, type Watcher } from './watchers.js'

export interface MotiaTesterOptions {
  /** The project folder (default `process.cwd()`); `root` is the same. */
  project?: string
  root?: string
  /** Log lines printed at this level and above (default `warn`: handler failures show, chatter does not). */
  logLevel?: LogLevel
  /** Environment of the app and its Python runners (default `process.env`): `MOTIA_PYTHON` picks the interpreter. */
  env?: NodeJS.ProcessEnv
  /** Retry backoff of failed events (default 1 s doubling): shorten it to test retries quickly. */
  backoff?: { baseMs: number; maxMs: number }
  /** How long `waitEvents()` waits for the queue to empty before it fails (default 30 s). */
  waitTimeoutMs?: number
}

export interface TestEvent<TData = unknown> {
  topic: string
  data: TData
  /** Default: a fresh trace id. */
  traceId?: string
  messageGroupId?: string
}

export interface MotiaTester {
  post(path: string, options?: RequestOptions): Promise<TestResponse>
  get(path: string, options?: RequestOptions): Promise<TestResponse>
  /** Emits from outside any step (no `emits` check, as `motia emit`); the subscribers' schemas still apply. */
  emit(event: TestEvent): Promise<void>
  /** Captures every event emitted on `topic` from now on. */
  watch<TData = unknown>(topic: string): Promise<Watcher<TData>>
  /** Resolves once no event is pending, delayed, retrying or being handled. */
  waitEvents(): Promise<void>
  sleep(ms: number): Promise<void>
  /** The app's base URL (`http://127.0.0.1:<port>`), once started: for clients in other processes (`MOTIA_TEST_URL` of the Python kit). */
  url(): Promise<string>
  /** Stops the app (HTTP, queue, Python runners). */
  close(): Promise<void>
  logger: Logger
}

const POLL_MS = 10

/** Synchronous, as v0.x's: the app starts at once and every method waits for it. */
export function createMotiaTester(options: MotiaTesterOptions = {}): MotiaTester {
  const watchers = new Watchers()
  const app = new MotiaApp({
    root: resolve(options.project ?? options.root ?? process.cwd()),
    mode: 'dev',
    host: '127.0.0.1',
    port: 0,
    memory: true,
    logLevel: options.logLevel ?? 'warn',
    env: options.env,
    backoff: options.backoff,
    onEmit: watchers.observe,
  })
  const started = app.start().then(({ port }) => `http://127.0.0.1:${port}`)
  // A failed start is reported by the first call that needs the app, not as an unhandled rejection.
  started.catch(() => undefined)

  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000
  return {
    logger: app.logger,
    url: () => started,
    post: async (path, request) => sendRequest(await started, 'POST', path, request),
    get: async (path, request) => sendRequest(await started, 'GET', path, request),
    emit: async (event) => {
      await started
      await app.emit(event.topic, event.data, event.traceId ?? newTraceId(), event.messageGroupId)
    },
    watch: async (topic) => watchers.watch(topic),
    waitEvents: async () => {
      await started
      await waitUntilIdle(app, waitTimeoutMs)
    },
    sleep,
    close: async () => {
      await started.catch(() => undefined)
      await app.close()
    },
  }
}

async function waitUntilIdle(app: MotiaApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const held = app.heldMessages ?? 0
    if (held === 0) return
    if (Date.now() >= deadline) {
      throw new Error(`waitEvents(): ${held} event ${held === 1 ? 'delivery' : 'deliveries'} still pending, retrying or running after ${timeoutMs} ms. A handler may hang or keep failing; raise waitTimeoutMs in createMotiaTester() if it is only slow.`)
    }
    await sleep(POLL_MS)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}
