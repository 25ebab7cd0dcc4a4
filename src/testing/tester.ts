// `createMotiaTester()`: the project booted in this process (in the kit's worker thread, see kit-thread.ts), in
// memory, on a free loopback port, as `@motiadev/test` did; requests go over real HTTP, events through the app's own queue.
import { resolve } from 'node:path'
import { newTraceId } from '../engine/trace-id.js'
import type { LogLevel } from '../logger/levels.js'
import type { Logger } from '../types.js'
import { sendRequest, type RequestOptions, type TestResponse } from './http-request.js'
import { KitThread } from './kit-thread.js'
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

/** Synchronous, as v0.x's: the app starts at once (in the kit's worker thread) and every method waits for it. */
export function createMotiaTester(options: MotiaTesterOptions = {}): MotiaTester {
  const watchers = new Watchers()
  const thread = new KitThread({ keepAlive: true, onEmitted: watchers.observe })
  const started = thread
    .call('start', {
      root: resolve(options.project ?? options.root ?? process.cwd()),
      logLevel: options.logLevel ?? 'warn',
      env: options.env,
      backoff: options.backoff,
    })
    .then(({ port }) => `http://127.0.0.1:${port}`)
  // A failed start is reported by the first call that needs the app, not as an unhandled rejection.
  started.catch(() => undefined)
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: unknown) => {
    started.then(() => thread.call('log', { level, message, fields })).catch(() => undefined)
  }

  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000
  return {
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    url: () => started,
    post: async (path, request) => sendRequest(await started, 'POST', path, request),
    get: async (path, request) => sendRequest(await started, 'GET', path, request),
    emit: async (event) => {
      await started
      await thread.call('emit', { topic: event.topic, data: event.data, traceId: event.traceId ?? newTraceId(), messageGroupId: event.messageGroupId })
    },
    watch: async (topic) => watchers.watch(topic),
    // Events reach the watchers in the order the worker sent them, so all are captured once this resolves.
    waitEvents: async () => {
      await started
      await thread.call('waitEvents', { timeoutMs: waitTimeoutMs })
    },
    sleep,
    close: async () => {
      await started.catch(() => undefined)
      await thread.call('close', undefined).catch(() => undefined)
      await thread.terminate()
    },
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}
