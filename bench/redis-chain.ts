// The TS -> Python -> TS chain on Redis, against raw BullMQ baselines measured in the same run on one fresh
// redis-server (a free loopback port, no persistence, flushed between rows). Every row is separate processes
// driven over HTTP by load clients in other processes; a chain's latency runs from the request sent to its last
// hop done. Rows:
//   raw BullMQ TS -> TS -> TS       bench/redis-chain/raw-node.ts: an HTTP server and two `bullmq` workers
//   raw BullMQ TS -> Python -> TS   the same, the middle hop a `bullmq` (PyPI) worker: raw_middle.py
//   motia on Redis, 1 node          `motia run` with MOTIA_REDIS_URL on bench/fixtures/polyglot-chain
//   motia on Redis, 1 node, TS only the same app with a TypeScript middle step: the like-for-like overhead
//   motia on Redis, 2 nodes         two `motia run` on one project copy and one Redis, the load split between them
//   node --import tsx bench/redis-chain.ts [chains=5000] [connections=64] [--quick]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { execa, type ResultPromise } from 'execa'
import { Redis } from 'ioredis'
import { DEFAULT_CONCURRENCY } from '../src/engine/queue-settings.js'
import { startRedisServer } from '../test/helpers/redis-server.js'
import { bullmqPython } from './redis-chain/bullmq-venv.js'
import { DoneLines } from './redis-chain/done-lines.js'
import { startReady, stopAll } from './redis-chain/processes.js'
import { figures, printFigures, type RunFigures } from './lib/stats.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const [chainsArg, connectionsArg] = args.filter((arg) => !arg.startsWith('--'))
const CHAINS = Number(chainsArg ?? (quick ? 1000 : 5000))
const CONNECTIONS = Number(connectionsArg ?? 64)
const WARM_UP = Math.min(1000, Math.ceil(CHAINS / 5))
const REPO = resolve(import.meta.dirname, '..')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')
const HERE = join(import.meta.dirname, 'redis-chain')
const TSX = ['--import', 'tsx']

const TS_MIDDLE = `
import type { EventConfig, Handlers } from 'motia'
export const config: EventConfig = { type: 'event', name: 'ChainPython', subscribes: ['chain.python'], emits: ['chain.done'],
  input: { type: 'object', properties: { id: { type: 'number' }, sentAt: { type: 'number' } }, required: ['id', 'sentAt'] } }
export const handler: Handlers['ChainPython'] = async (data, { emit }) => { await emit({ topic: 'chain.done', data }) }
`

interface Row {
  ports: number[]
  children: ResultPromise[]
}

// POSTs `chains` chains split over the row's ports (one load client per port), and waits for all to finish.
async function measure(label: string, row: Row, done: DoneLines, chains: number): Promise<RunFigures> {
  done.clear()
  const share = (i: number) => Math.floor(chains / row.ports.length) + (i < chains % row.ports.length ? 1 : 0)
  const connections = Math.max(1, Math.floor(CONNECTIONS / row.ports.length))
  const clients = row.ports.map((port, i) =>
    execa(process.execPath, [...TSX, join(REPO, 'bench/lib/http-load.ts'), `http://127.0.0.1:${port}/chain`, String(share(i)), String(connections)], { stdio: 'inherit' }),
  )
  const [finished] = await Promise.all([done.waitFor(chains), ...clients])
  const first = Math.min(...finished.map((chain) => chain.sentAt))
  const last = Math.max(...finished.map((chain) => chain.doneAt))
  return figures(label, finished.map((chain) => chain.doneAt - chain.sentAt), (last - first) / 1000)
}

async function rawRow(redisUrl: string, middle: 'ts' | 'python', done: DoneLines, python: string): Promise<Row> {
  const node = await startReady(process.execPath, [...TSX, join(HERE, 'raw-node.ts'), redisUrl, middle, String(DEFAULT_CONCURRENCY)], /raw-node ready (\d+)/)
  done.watch(node.child.stdout!)
  const children = [node.child]
  if (middle === 'python') children.push((await startReady(python, [join(HERE, 'raw_middle.py'), redisUrl, String(DEFAULT_CONCURRENCY)], /raw-middle ready/)).child)
  return { ports: [Number(node.ready[1])], children }
}

// A copy of the chain fixture inside the repo, so its steps resolve `motia` by self-reference.
function chainProject(middle: 'python' | 'typescript'): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-redis-chain-'))
  cpSync(join(REPO, 'bench/fixtures/polyglot-chain'), root, { recursive: true })
  if (middle === 'typescript') {
    rmSync(join(root, 'steps/middle_step.py'))
    writeFileSync(join(root, 'steps/middle.step.ts'), TS_MIDDLE)
  }
  return root
}

async function motiaRow(redisUrl: string, root: string, nodes: number, done: DoneLines): Promise<Row> {
  const env = { MOTIA_REDIS_URL: redisUrl, MOTIA_PYTHON: PYTHON, MOTIA_LOG_LEVEL: 'info', MOTIA_BENCH_CHAIN_DONE: 'stdout' }
  const started = await Promise.all(
    Array.from({ length: nodes }, () =>
      startReady(process.execPath, [join(REPO, 'bin/motia.js'), 'run', '--project', root, '--port', '0', '--host', '127.0.0.1'], /Ready on http:\/\/[^"]*:(\d+)/, env),
    ),
  )
  for (const node of started) done.watch(node.child.stdout!)
  return { ports: started.map((node) => Number(node.ready[1])), children: started.map((node) => node.child) }
}

async function bench(label: string, open: (done: DoneLines) => Promise<Row>, flush: () => Promise<unknown>): Promise<RunFigures> {
  await flush()
  const done = new DoneLines()
  const row = await open(done)
  try {
    await measure('warm-up', row, done, WARM_UP)
    return await measure(label, row, done, CHAINS)
  } finally {
    await stopAll(row.children)
  }
}

const python = await bullmqPython(REPO, PYTHON)
const redis = await startRedisServer()
const admin = new Redis(redis.url, { maxRetriesPerRequest: null })
const flush = () => admin.flushall()
const projects = { python: chainProject('python'), typescript: chainProject('typescript') }
console.log(`Chains on Redis (redis-server at ${redis.url}): ${CHAINS} chains, ${CONNECTIONS} connections, worker concurrency ${DEFAULT_CONCURRENCY}, Node ${process.version}`)
try {
  const rawTs = await bench('raw BullMQ TS -> TS -> TS', (done) => rawRow(redis.url, 'ts', done, python), flush)
  const rawPy = await bench('raw BullMQ TS -> Python (PyPI bullmq) -> TS', (done) => rawRow(redis.url, 'python', done, python), flush)
  const one = await bench('motia on Redis, 1 node, TS -> Python -> TS', (done) => motiaRow(redis.url, projects.python, 1, done), flush)
  const oneTs = await bench('motia on Redis, 1 node, TS -> TS -> TS', (done) => motiaRow(redis.url, projects.typescript, 1, done), flush)
  const two = await bench('motia on Redis, 2 nodes, TS -> Python -> TS', (done) => motiaRow(redis.url, projects.python, 2, done), flush)
  printFigures([rawTs, rawPy, one, oneTs, two], 'chains')
  const overhead = (ours: RunFigures, raw: RunFigures) => {
    const extra = (raw.perSecond / ours.perSecond - 1) * 100
    const p50 = ours.p50Ms - raw.p50Ms
    return `${Math.abs(extra).toFixed(0)}% ${extra >= 0 ? 'more' : 'less'} time per chain (p50 ${Math.abs(p50).toFixed(2)} ms ${p50 >= 0 ? 'more' : 'less'})`
  }
  console.log(`1 node vs raw TS -> Python -> TS: ${(one.perSecond / rawPy.perSecond).toFixed(2)}x chains/s (target >= 2x)`)
  console.log(`overhead over raw TS -> TS -> TS, TS-only chain: ${overhead(oneTs, rawTs)} (target < 25%)`)
  console.log(`overhead over raw TS -> TS -> TS, polyglot chain: ${overhead(one, rawTs)}`)
  console.log(`2 nodes vs 1 node: ${(two.perSecond / one.perSecond).toFixed(2)}x chains/s`)
} finally {
  admin.disconnect()
  await redis.close()
  for (const root of Object.values(projects)) rmSync(root, { recursive: true, force: true })
}
