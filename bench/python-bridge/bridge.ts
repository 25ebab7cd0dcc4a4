// Python bridge: (a) a bare msgpack echo over a pipe to the same Python, (b) Python event step
// invocations through the runner pool, pipelined; both in one run, printed with their ratio.
//   node --import tsx bench/python-bridge/bridge.ts [calls=100000] [window=256]
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PythonLanguage } from '../../src/languages/python/index.js'
import { LogSink } from '../../src/logger/log-sink.js'
import { createLogger } from '../../src/logger/logger.js'
import type { Step } from '../../src/project/step.js'
import type { FlowContext } from '../../src/types.js'
import { figures, printFigures, type RunFigures } from '../lib/stats.js'
import { runEcho } from './echo-client.js'

const CALLS = Number(process.argv[2] ?? 100_000)
const WINDOW = Number(process.argv[3] ?? 256)
const REPO = resolve(import.meta.dirname, '../..')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')
const PAYLOAD = { orderId: 'ord_123', amount: 42.5, items: ['a', 'b'], customer: { id: 7, name: 'Ada' } }

async function echo(label: string): Promise<RunFigures> {
  const { latencies, seconds } = await runEcho(PYTHON, CALLS, WINDOW, PAYLOAD)
  return figures(label, latencies, seconds)
}

async function pool(label: string, workers: number): Promise<RunFigures> {
  const root = mkdtempSync(join(tmpdir(), 'motia-bridge-'))
  cpSync(join(import.meta.dirname, '../fixtures/python-echo'), root, { recursive: true })
  const sink = new LogSink({ level: 'error', pretty: false })
  const language = new PythonLanguage({ root, python: PYTHON, workers, sink })
  const { steps } = await language.load([join(root, 'steps/echo_step.py')], { root, env: process.env })
  const definition = steps[0]!
  const step: Step = { ...definition, name: 'Echo', type: 'event', relativePath: 'steps/echo_step.py', emitTopics: new Set(), runtime: language }
  const context: FlowContext = {
    traceId: 'bench',
    flows: [],
    logger: createLogger(sink, { step: 'Echo' }),
    state: undefined as never,
    emit: async () => undefined,
    streams: {},
    signal: new AbortController().signal,
  }
  const signal = new AbortController().signal
  const latencies: number[] = []
  let launched = 0
  let finish!: () => void
  const finished = new Promise<void>((resolvePromise) => (finish = resolvePromise))
  const launch = () => {
    launched++
    const t = performance.now()
    void language.invoke({ step, kind: 'event', input: PAYLOAD, context, signal }).then(() => {
      latencies.push(performance.now() - t)
      if (launched < CALLS) launch()
      else if (latencies.length === CALLS) finish()
    })
  }
  const t0 = performance.now()
  for (let i = 0; i < Math.min(WINDOW, CALLS); i++) launch()
  await finished
  const seconds = (performance.now() - t0) / 1000
  await language.close()
  rmSync(root, { recursive: true, force: true })
  return figures(label, latencies, seconds)
}

console.log(`Python bridge, ${CALLS} calls, ${WINDOW} in flight, interpreter ${PYTHON}`)
await echo('warm-up')
const bare = await echo('(a) bare msgpack echo, 1 process')
const one = await pool('(b) event step via pool, 1 runner', 1)
const two = await pool('(b) event step via pool, 2 runners', 2)
printFigures([bare, one, two], 'calls')
console.log(
  `ratio (b)/(a): ${(one.perSecond / bare.perSecond).toFixed(2)}x with 1 runner, ${(two.perSecond / bare.perSecond).toFixed(2)}x with 2 runners (target >= 0.5x); ` +
    `p50 ${(one.p50Ms / bare.p50Ms).toFixed(2)}x the echo's (target < 2x)`,
)
