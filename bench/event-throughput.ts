// TS -> TS -> TS event chain on the embedded queue: events/s and per-chain latency.
// Baseline in the same run: the same chain on the in-memory queue (no disk), so the ratio
// shows what durability costs on this machine today.
// Two passes per queue: saturated (many chains in flight: throughput) and one chain at a time
// (latency without queueing).
//   node --import tsx bench/event-throughput.ts [chains=20000] [inFlight=500]
import { mkdtempSync, cpSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MotiaApp } from '../src/engine/app.js'
import { NodeLanguage } from '../src/languages/node/index.js'
import { figures, printFigures, type RunFigures } from './lib/stats.js'

const CHAINS = Number(process.argv[2] ?? 20_000)
const IN_FLIGHT = Number(process.argv[3] ?? 500)
const EVENTS_PER_CHAIN = 3

async function runChains(label: string, memory: boolean, chains = CHAINS, inFlight = IN_FLIGHT): Promise<RunFigures> {
  const root = mkdtempSync(join(tmpdir(), 'motia-bench-'))
  cpSync(join(import.meta.dirname, 'fixtures/ts-chain'), root, { recursive: true })
  const app = new MotiaApp({ root, mode: 'run', port: 0, host: '127.0.0.1', memory, logLevel: 'error', languages: [new NodeLanguage()] })
  await app.start()

  const started = new Map<number, number>()
  const latencies: number[] = []
  let next = 0
  let finish!: () => void
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const launch = () => {
    const id = next++
    started.set(id, performance.now())
    void app.emit('chain.start', { id }, `bench-${id}`)
  }
  ;(globalThis as { __chainDone?: (id: number) => void }).__chainDone = (id) => {
    latencies.push(performance.now() - started.get(id)!)
    started.delete(id)
    if (next < chains) launch()
    else if (latencies.length === chains) finish()
  }

  const t0 = performance.now()
  for (let i = 0; i < Math.min(inFlight, chains); i++) launch()
  await finished
  const seconds = (performance.now() - t0) / 1000
  await app.close()
  rmSync(root, { recursive: true, force: true })
  const result = figures(label, latencies, seconds)
  return { ...result, perSecond: result.perSecond * EVENTS_PER_CHAIN }
}

console.log(`TS -> TS -> TS chain, ${CHAINS} chains, ${IN_FLIGHT} in flight, Node ${process.version}`)
// Warm-up so JIT and module loading do not land on the first measured run.
await runChains('warm-up', true)
const memory = await runChains('memory queue (baseline)', true)
const sqlite = await runChains('embedded SQLite queue (durable, default)', false)
const memoryOne = await runChains('memory queue, 1 chain in flight', true, 2000, 1)
const sqliteOne = await runChains('SQLite queue, 1 chain in flight', false, 2000, 1)
printFigures([memory, sqlite, memoryOne, sqliteOne], 'events')
console.log(`ratio durable/memory: ${(sqlite.perSecond / memory.perSecond).toFixed(2)}x events/s saturated, ${(sqliteOne.p50Ms / memoryOne.p50Ms).toFixed(2)}x p50 chain latency alone`)
