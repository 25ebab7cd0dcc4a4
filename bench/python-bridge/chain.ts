// TS API -> Python event -> TS event, the full app on the embedded (durable SQLite) adapters, driven
// over HTTP by a load client in another process. Chains/s and end-to-end latency (request sent ->
// last step done). Baseline in the same run: the TS-only chain (API -> TS event -> TS event).
//   node --import tsx bench/python-bridge/chain.ts [chains=20000] [connections=64]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MotiaApp } from '../../src/engine/app.js'
import { runChainLoad } from '../lib/chain-load.js'
import { figures, printFigures, type RunFigures } from '../lib/stats.js'

const CHAINS = Number(process.argv[2] ?? 20_000)
const CONNECTIONS = Number(process.argv[3] ?? 64)
const REPO = resolve(import.meta.dirname, '../..')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')

const TS_MIDDLE = `
import type { EventConfig, Handlers } from 'motia'
export const config: EventConfig = { type: 'event', name: 'ChainPython', subscribes: ['chain.python'], emits: ['chain.done'],
  input: { type: 'object', properties: { id: { type: 'number' }, sentAt: { type: 'number' } }, required: ['id', 'sentAt'] } }
export const handler: Handlers['ChainPython'] = async (data, { emit }) => { await emit({ topic: 'chain.done', data }) }
`

async function run(label: string, middle: 'python' | 'typescript', chains: number, connections: number): Promise<RunFigures> {
  // Inside the repo, so that steps resolve `motia` by self-reference (.tmp-tests is not in a fresh clone).
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-chain-'))
  cpSync(join(import.meta.dirname, '../fixtures/polyglot-chain'), root, { recursive: true })
  if (middle === 'typescript') {
    rmSync(join(root, 'steps/middle_step.py'))
    writeFileSync(join(root, 'steps/middle.step.ts'), TS_MIDDLE)
  }
  const app = new MotiaApp({ root, mode: 'run', port: 0, host: '127.0.0.1', logLevel: 'error', env: { ...process.env, MOTIA_PYTHON: PYTHON } })
  const { port } = await app.start()

  const load = await runChainLoad(port, chains, connections)
  await app.close()
  rmSync(root, { recursive: true, force: true })
  return figures(label, load.latencies, load.seconds)
}

console.log(`Chains over HTTP: ${CHAINS} chains, ${CONNECTIONS} connections, embedded SQLite adapters, Node ${process.version}`)
await run('warm-up', 'python', 2000, CONNECTIONS)
const tsOnly = await run('TS API -> TS event -> TS event (baseline)', 'typescript', CHAINS, CONNECTIONS)
const polyglot = await run('TS API -> Python event -> TS event', 'python', CHAINS, CONNECTIONS)
const single = await run('TS API -> Python event -> TS event, 1 conn', 'python', 2000, 1)
printFigures([tsOnly, polyglot, single], 'chains')
console.log(`ratio polyglot/TS-only: ${(polyglot.perSecond / tsOnly.perSecond).toFixed(2)}x chains/s (target >= 10,000 chains/s; p50 < 2 ms alone)`)
