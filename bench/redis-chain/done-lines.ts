// Chains finished on any process of a row: each last hop prints `chain-done {"id","sentAt","doneAt"}` on stdout
// (times are wall-clock ms, comparable across processes on one machine).
import type { Readable } from 'node:stream'

export interface ChainDone {
  id: number
  sentAt: number
  doneAt: number
}

const MARK = 'chain-done '

export class DoneLines {
  private done: ChainDone[] = []
  private changed: (() => void) | undefined

  /** Reads `chain-done` lines from a process's stdout; other lines are ignored. */
  watch(stdout: Readable): void {
    let pending = ''
    stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) if (line.startsWith(MARK)) this.done.push(JSON.parse(line.slice(MARK.length)) as ChainDone)
      this.changed?.()
    })
  }

  /** Forgets the chains finished so far (a warm-up's). */
  clear(): void {
    this.done = []
  }

  /** Resolves with `count` finished chains; rejects when none finishes for `stallMs` (chains lost or stuck). */
  waitFor(count: number, stallMs = 60_000): Promise<ChainDone[]> {
    return new Promise((resolve, reject) => {
      let seen = -1
      let timer: NodeJS.Timeout | undefined
      const check = () => {
        if (this.done.length >= count) {
          clearTimeout(timer)
          this.changed = undefined
          resolve(this.done.slice(0, count))
        } else if (this.done.length !== seen) {
          seen = this.done.length
          clearTimeout(timer)
          timer = setTimeout(() => {
            this.changed = undefined
            reject(new Error(`${this.done.length} of ${count} chains finished, none in the last ${stallMs / 1000} s: lost or stuck.`))
          }, stallMs)
        }
      }
      this.changed = check
      check()
    })
  }
}
