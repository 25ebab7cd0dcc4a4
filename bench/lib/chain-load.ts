// Drives `chains` requests at a chain app's `POST /chain` from a load client in another process, and
// collects each chain's end-to-end latency from the last step (it calls `globalThis.__chainDone`).
import { execa } from 'execa'
import { join } from 'node:path'

export interface ChainLoad {
  latencies: number[]
  /** Seconds from the first chain sent to the last one done. */
  seconds: number
}

export async function runChainLoad(port: number, chains: number, connections: number): Promise<ChainLoad> {
  const latencies: number[] = []
  let first = Number.POSITIVE_INFINITY
  let last = 0
  let finish!: () => void
  const finished = new Promise<void>((resolvePromise) => (finish = resolvePromise))
  ;(globalThis as { __chainDone?: (data: { id: number; sentAt: number }) => void }).__chainDone = ({ sentAt }) => {
    const now = performance.timeOrigin + performance.now()
    latencies.push(now - sentAt)
    first = Math.min(first, sentAt)
    last = now
    if (latencies.length === chains) finish()
  }
  const client = execa('node', ['--import', 'tsx', join(import.meta.dirname, 'http-load.ts'), `http://127.0.0.1:${port}/chain`, String(chains), String(connections)], {
    stdio: 'inherit',
  })
  await Promise.all([client, finished])
  return { latencies, seconds: (last - first) / 1000 }
}
