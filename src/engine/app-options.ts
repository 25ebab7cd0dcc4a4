import type { Queue } from '../adapters/queue.js'
import type { EmittedEvent } from './emitter.js'
import type { StateStore } from '../adapters/state-store.js'
import type { StreamStore } from '../adapters/stream-store.js'
import type { Language } from '../languages/language.js'
import type { LogLevel } from '../logger/levels.js'
import type { Step } from '../project/step.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import type { StreamHub } from '../streams/stream-hub.js'

export interface AppOptions {
  /** Project root: steps are found under `steps/` and `src/` of it. */
  root: string
  /**
   * `dev` binds 127.0.0.1 and opens the admin endpoints to local tools (on another host, only with a token,
   * generated and logged when `adminToken` is unset); `run` binds 0.0.0.0.
   */
  mode: 'run' | 'dev'
  /**
   * `dev` only, default true: a step that does not load is reported and the others serve, so that hot reload
   * can load it once fixed. False starts all-or-nothing, as `run` does (`motia dev --no-watch`, the test kits).
   */
  reload?: boolean
  host?: string
  /** Default 3000; 0 picks a free port. */
  port?: number
  /** Queue and state in memory instead of `.motia/` (nothing survives a restart). Wins over Redis settings. */
  memory?: boolean
  /** `--redis <url>`: run on this Redis (before MOTIA_REDIS_URL and motia.config.ts `redis`). */
  redisUrl?: string
  /** Largest request body in bytes (default DEFAULT_BODY_LIMIT, 1 MiB). */
  bodyLimit?: number
  /** Answer 500 when a response breaks its `responseSchema` (otherwise it is only logged). */
  strict?: boolean
  /** Opens `/__motia/*` (in `run`, and in `dev` instead of the open access) to requests carrying `Authorization: Bearer <token>`. */
  adminToken?: string
  logLevel?: LogLevel
  /** Pretty log lines (default: when stdout is a TTY). */
  pretty?: boolean
  /** How long in-flight handlers may finish on shutdown (default DEFAULT_GRACE_MS, 10 s). */
  graceMs?: number
  /** Python runner processes (default from the machine). */
  pythonWorkers?: number
  /** Retry backoff (default 1 s doubling up to 5 min, with jitter). */
  backoff?: { baseMs: number; maxMs: number }
  /** Replace the default adapters (e.g. Redis). */
  queue?: Queue
  state?: StateStore
  streams?: StreamStore
  /** Replace the default languages (node, python). */
  languages?: Language[]
  env?: NodeJS.ProcessEnv
  /**
   * What the stream WebSocket on the HTTP port serves instead of the app's own streams (embedding, tests).
   * Default: the app's streams, when stream files declare any; with none and no hub, no socket is served.
   */
  streamHub?: StreamHub
  /** Sees every event emitted in the app once it is stored (the test kit's `watch`). */
  onEmit?: (event: EmittedEvent) => void
  /**
   * Called once the steps and streams loaded, before anything serves (`motia dev` writes the generated
   * types there). The app awaits it; it should not throw.
   */
  onProjectLoaded?: (steps: readonly Step[], streams: readonly StreamDefinition[]) => Promise<void>
  /** Bytes a stream WebSocket client may leave unread before it is dropped (default DEFAULT_STREAM_BUFFER_LIMIT, 4 MiB). */
  streamBufferLimit?: number
}

export const DEFAULT_PORT = 3000
