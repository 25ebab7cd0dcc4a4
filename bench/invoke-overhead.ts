// What the engine adds to every invocation (a fresh context, its deadline, the end of the invocation),
// against calling the language directly with a plain context in the same run. No queue, no disk.
//   node --import tsx bench/invoke-overhead.ts [invocations=300000] [inFlight=500]
import { MemoryStateStore } from '../src/adapters/memory/index.js'
import { stateManager, type ContextServices } from '../src/engine/context.js'
import { deadlineOf } from '../src/engine/deadline.js'
import { invokeStep } from '../src/engine/invoke.js'
import type { Invocation, Language } from '../src/languages/language.js'
import type { LogSink } from '../src/logger/log-sink.js'
import type { Step } from '../src/project/step.js'
import type { FlowContext } from '../src/types.js'
import { figures, printFigures, type RunFigures } from './lib/stats.js'

const COUNT = Number(process.argv[2] ?? 300_000)
const IN_FLIGHT = Number(process.argv[3] ?? 500)

// A handler that emits once, as the chain benches' steps do.
const language = { invoke: async ({ input, context }: Invocation) => context.emit({ topic: 't', data: input }) } as unknown as Language
const step = { name: 'S', config: { type: 'event', name: 'S' }, runtime: language, emitTopics: new Set(['t']) } as unknown as Step
const services: ContextServices = {
  sink: undefined as unknown as LogSink, // nothing logs
  state: stateManager(new MemoryStateStore()),
  emit: async () => undefined,
  streams: {},
  stop: new AbortController().signal,
}
const deadline = deadlineOf(step, 'event')
const plain = { traceId: 't', flows: [], emit: async () => undefined } as unknown as FlowContext
const signal = new AbortController().signal

async function run(label: string, once: (i: number) => Promise<unknown>): Promise<RunFigures> {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < COUNT) {
        const at = performance.now()
        await once(next++)
        latencies.push(performance.now() - at)
      }
    }),
  )
  return figures(label, latencies, (performance.now() - started) / 1000)
}

const rows: RunFigures[] = []
for (let round = 0; round < 2; round++) {
  rows.push(await run('language.invoke, plain context (baseline)', (i) => language.invoke({ step, kind: 'event', input: i, context: plain, signal })))
  rows.push(await run('invokeStep: context, deadline, end', (i) => invokeStep(step, 'event', i, 't', deadline, services).result))
}
printFigures(rows, 'calls')
