// The dead-letter endpoints (src/http/admin.ts), over the queue's dead letters.
import { getJson, sendJson } from '../api.js'

/** An event whose every attempt failed (src/adapters/queue.ts `DeadLetter`). */
export interface DeadLetter {
  id: string
  stepName: string
  topic: string
  data: unknown
  traceId: string
  messageGroupId?: string
  attempts: number
  error: { type?: string; message: string; traceback?: string; code?: string }
  /** Epoch milliseconds. */
  failedAt: number
}

export const deadLettersApi = {
  list: () => getJson<DeadLetter[]>('/__motia/dlq'),
  replay: (id: string) => sendJson<unknown>('POST', `/__motia/dlq/${encodeURIComponent(id)}/replay`),
  discard: (id: string) => sendJson<unknown>('DELETE', `/__motia/dlq/${encodeURIComponent(id)}`),
  replayAll: () => sendJson<{ replayed: number }>('POST', '/__motia/dlq/replay-all'),
}
