// `GET /__motia/dev/status`, polled about once a second for the whole page: the problems banner, the
// "Reloaded" toast, and the generation every view refetches on (useReloadGeneration).
import { getJson } from '../api.js'

/** The shape of src/engine/dev-status.ts (the Workbench is bundled apart from the core, so it is repeated here). */
export interface StepProblem {
  filePath: string
  message: string
  line?: number
}

export interface DevStatus {
  mode: 'dev' | 'run'
  generation: number
  reloadedAt?: number
  problems: StepProblem[]
}

export interface StatusSnapshot {
  /** Undefined until the first answer. */
  status?: DevStatus
  /** The last poll failed: the server is stopped or restarting. */
  disconnected: boolean
}

const POLL_MS = 1000
let snapshot: StatusSnapshot = { disconnected: false }
const listeners = new Set<(next: StatusSnapshot) => void>()
let polling = false

/** Calls `listener` with every change of the status (and once now); returns the function that stops it. */
export function watchDevStatus(listener: (next: StatusSnapshot) => void): () => void {
  listeners.add(listener)
  listener(snapshot)
  if (!polling) {
    polling = true
    void poll()
  }
  return () => listeners.delete(listener)
}

async function poll(): Promise<void> {
  let next: StatusSnapshot
  try {
    next = { status: await getJson<DevStatus>('/__motia/dev/status'), disconnected: false }
  } catch {
    next = { ...snapshot, disconnected: true }
  }
  if (JSON.stringify(next) !== JSON.stringify(snapshot)) {
    snapshot = next
    for (const listener of listeners) listener(snapshot)
  }
  setTimeout(() => void poll(), POLL_MS)
}
