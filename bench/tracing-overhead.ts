// What tracing costs: the TS API -> Python event -> TS event chain over HTTP (as bench/python-bridge/chain.ts,
// embedded SQLite adapters, load client in another process), with tracing on and off in the same run,
// interleaved (off, on, on, off, ...) so that the machine's drift hits both alike. Target: on/off >= 0.87.
// Besides chains/s, the app process's own CPU time per chain (user + system, the load client and the
// Python runner excluded): on a shared machine throughput swings with the neighbours, CPU time much less.
//   node --import tsx bench/tracing-overhead.ts [chains=5000] [rounds=3] [connections=64]
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MotiaApp } from '../src/engine/app.js'
import { runChainLoad } from './lib/chain-load.js'
import { figures, printFigures, type RunFigures } from './lib/stats.js'

const CHAINS = Number(process.argv[2] ?? 5000)
const ROUNDS = Number(process.argv[3] ?? 3)
const CONNECTIONS = Number(process.argv[4] ?? 64)
const REPO = resolve(import.meta.dirname, '..')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')

interface Run extends RunFigures {
  cpuUsPerChain: number
}

async function run(label: string, tracing: 'on' | 'off', chains: number): Promise<Run> {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-tracing-'))
  cpSync(join(import.meta.dirname, 'fixtures/polyglot-chain'), root, { recursive: true })
  const env = { ...process.env, MOTIA_PYTHON: PYTHON, MOTIA_TRACING: tracing }
  const app = new MotiaApp({ root, mode: 'run', port: 0, host: '127.0.0.1', logLevel: 'error', env })
  const { port } = await app.start()

  const cpuBefore = process.cpuUsage()
  const load = await runChainLoad(port, chains, CONNECTIONS)
  const cpu = process.cpuUsage(cpuBefore)
  await app.close()
  rmSync(root, { recursive: true, force: true })
  return { ...figures(label, load.latencies, load.seconds), cpuUsPerChain: (cpu.user + cpu.system) / chains }
}

const cpuPerChain = (rows: Run[]) => rows.reduce((sum, row) => sum + row.cpuUsPerChain, 0) / rows.length
const total = (rows: RunFigures[]) => {
  const count = rows.reduce((sum, row) => sum + row.count, 0)
  const seconds = rows.reduce((sum, row) => sum + row.seconds, 0)
  return count / seconds
}

console.log(`Tracing overhead: ${ROUNDS} rounds x ${CHAINS} chains per setting, ${CONNECTIONS} connections, Node ${process.version}`)
await run('warm-up', 'on', 1000)
const on: Run[] = []
const off: Run[] = []
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate which goes first, so neither always runs on a warmer (or more tired) machine.
  const order: ('on' | 'off')[] = round % 2 === 1 ? ['off', 'on'] : ['on', 'off']
  for (const tracing of order) (tracing === 'on' ? on : off).push(await run(`round ${round}, tracing ${tracing}`, tracing, CHAINS))
}
printFigures([...off, ...on], 'chains')
const ratio = total(on) / total(off)
console.log(`tracing off: ${Math.round(total(off))} chains/s   tracing on: ${Math.round(total(on))} chains/s`)
console.log(`ratio on/off: ${ratio.toFixed(3)} chains/s (target >= 0.87, i.e. at most 15% overhead)`)
console.log(
  `app CPU per chain: off ${Math.round(cpuPerChain(off))} µs, on ${Math.round(cpuPerChain(on))} µs: ratio off/on ${(cpuPerChain(off) / cpuPerChain(on)).toFixed(3)} (the throughput one core would give)`,
)
