import { randomUUID } from 'node:crypto'

// Unique per API request and cron tick (unlike Motia v0.x's 5-character ids, which collide).
export function newTraceId(): string {
  return randomUUID()
}
