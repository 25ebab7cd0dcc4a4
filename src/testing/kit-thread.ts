// The test's side of the kit's worker thread (kit-worker.ts). The app and the user's step files run
// there, loaded by Node with tsx's hooks exactly as `motia` loads them: a test runner's own module
// registry (jest's, which can neither import TypeScript step files nor register loader hooks; vitest's)
// never sees them. The thread is in this process, so a test still starts no other program.
import { Worker } from 'node:worker_threads'
import { ERROR_CODES, type ErrorCode, MotiaError } from '../errors.js'
import type { KitCall, KitCalls, KitMessage, SentError } from './kit-protocol.js'
import type { CapturedEvent } from './watchers.js'

// The worker's first module registers tsx's hooks (bin/ is beside src/ and dist/), then imports the
// worker module beside this one: kit-worker.ts in src/, kit-worker.js in dist/ (the CommonJS bundle
// says where dist/testing is).
const BOOT_URL = new URL('../../bin/testing-worker.js', import.meta.url)
const WORKER_URL = new URL(`./kit-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href

export interface KitThreadOptions {
  /** Events the app emits, as they happen. */
  onEmitted?: (event: CapturedEvent) => void
  /** Keeps the process alive while the thread lives (the app), rather than only while a call is answered. */
  keepAlive?: boolean
  /** Ends the thread once no call was made for this long (until `keep()`); default never. */
  idleMs?: number
}

export class KitThread {
  readonly #worker: Worker
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  readonly #keepAlive: boolean
  readonly #idleMs: number | undefined
  #idleTimer: NodeJS.Timeout | undefined
  #kept = false
  #nextId = 0
  #failed: Error | undefined

  constructor(options: KitThreadOptions = {}) {
    this.#keepAlive = options.keepAlive ?? false
    this.#idleMs = options.idleMs
    this.#worker = new Worker(BOOT_URL, { workerData: { main: WORKER_URL } })
    if (!this.#keepAlive) this.#worker.unref()
    this.#worker.on('message', (message: KitMessage) => {
      if ('emitted' in message) return options.onEmitted?.(message.emitted)
      const pending = this.#pending.get(message.id)
      this.#pending.delete(message.id)
      if (this.#pending.size === 0) this.#idle()
      if (message.ok) pending?.resolve(message.value)
      else pending?.reject(received(message.error))
    })
    this.#worker.on('error', (error) => this.#fail(error))
    this.#worker.on('exit', (code) => this.#fail(new Error(`motia/testing: the kit's worker thread stopped (exit code ${code})`)))
  }

  /** Ended (closed, idle, or failed): calls are refused. */
  get ended(): boolean {
    return this.#failed !== undefined
  }

  /** Never ends for being idle: it holds something a later call needs (a context's streams). */
  keep(): void {
    clearTimeout(this.#idleTimer)
    this.#idleTimer = undefined
    this.#kept = true
  }

  call<Op extends keyof KitCalls>(op: Op, args: KitCalls[Op]['args']): Promise<KitCalls[Op]['value']> {
    if (this.#failed) return Promise.reject(this.#failed)
    clearTimeout(this.#idleTimer)
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.#worker.ref()
      this.#worker.postMessage({ id, op, args } as KitCall)
    })
  }

  // Between calls a thread that is not the app's lets the process exit, and ends after idleMs (a test
  // runner keeps one process for many test files: each file's kit must not leave a thread behind).
  #idle(): void {
    if (!this.#keepAlive) this.#worker.unref()
    if (this.#idleMs === undefined || this.#kept) return
    this.#idleTimer = setTimeout(() => void this.terminate(), this.#idleMs)
    this.#idleTimer.unref()
  }

  async terminate(): Promise<void> {
    this.#failed ??= new Error('motia/testing: closed')
    await this.#worker.terminate()
  }

  #fail(error: Error): void {
    this.#failed ??= error
    for (const pending of this.#pending.values()) pending.reject(this.#failed)
    this.#pending.clear()
  }
}

// Errors of the catalogue come back as MotiaError, so `code` and `instanceof` work as in the app.
function received(error: SentError): Error {
  if (error.code !== undefined && (ERROR_CODES as readonly string[]).includes(error.code)) {
    return new MotiaError(error.code as ErrorCode, error.message, { retryable: false })
  }
  return Object.assign(new Error(error.message), { name: error.name }, error.code === undefined ? {} : { code: error.code })
}
