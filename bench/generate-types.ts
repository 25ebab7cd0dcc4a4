// `motia generate-types` on a generated project of 50 mixed steps (API, event and cron, TypeScript with
// zod and Python with pydantic, fifo topics, a stream): the generation alone (contract -> files, in
// process) and the whole command, beside `motia generate openapi` on the same project in the same run.
// The command figures alternate the two commands, so they share the machine's state: read the ratio.
//   node --import tsx bench/generate-types.ts [runs=5]
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { buildContract } from '../src/contract/index.js'
import { loadProjectWithoutApp } from '../src/engine/project-without-app.js'
import { LogSink } from '../src/logger/log-sink.js'
import { generatedFiles } from '../src/typegen/index.js'
import { percentile } from './lib/stats.js'

const RUNS = Number(process.argv[2] ?? 5)
const REPO = resolve(import.meta.dirname, '..')
const BIN = join(REPO, 'bin/motia.js')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')
const STEPS = 50

const apiStep = (i: number) => `import type { ApiRouteConfig, Handlers } from 'motia'
import { z } from 'zod'
export const config: ApiRouteConfig = {
  type: 'api', name: 'Api${i}', path: '/items/:id/part${i}', method: 'POST', emits: ['order${i}'], queryParams: [{ name: 'page' }],
  bodySchema: z.object({ sku: z.string(), qty: z.number().int(), tags: z.array(z.string()).optional(), kind: z.enum(['a', 'b']) }),
  responseSchema: { 200: z.object({ id: z.string() }), 404: z.object({ error: z.string() }) },
}
export const handler: Handlers['Api${i}'] = async (req) => ({ status: 200, body: { id: req.pathParams.id } })
`
const tsEventStep = (i: number) => `import type { EventConfig, Handlers } from 'motia'
import { z } from 'zod'
export const config: EventConfig = {
  type: 'event', name: 'Ts${i}', subscribes: ['order${i - 1}'], emits: ['done${i}'],
  input: z.object({ order_id: z.string(), lines: z.array(z.object({ sku: z.string(), quantity: z.number() })) }),
  infrastructure: { queue: { type: '${i % 4 === 1 ? 'fifo' : 'standard'}' } },
}
export const handler: Handlers['Ts${i}'] = async () => {}
`
const pyStep = (i: number) => `from pydantic import BaseModel


class Line(BaseModel):
    sku: str
    quantity: int


class Order(BaseModel):
    order_id: str
    lines: list[Line]
    note: str | None = None


config = {"type": "event", "name": "Py${i}", "subscribes": ["order${i - 2}"], "emits": ["done${i}"], "input": Order}


async def handler(order, context):
    pass
`
const cronStep = (i: number) => `import type { CronConfig, Handlers } from 'motia'
export const config: CronConfig = { type: 'cron', name: 'Cron${i}', cron: '* * * * *', emits: ['order${i - 3}'] }
export const handler: Handlers['Cron${i}'] = async () => {}
`
const stream = `import type { StreamConfig } from 'motia'
import { z } from 'zod'
export const config: StreamConfig = { name: 'carts', schema: z.object({ id: z.string(), total: z.number() }), baseConfig: { storageType: 'default' } }
`

function makeProject(): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-generate-types-'))
  mkdirSync(join(root, 'steps'))
  for (let i = 0; i < STEPS; i++) {
    const kind = i % 4
    if (kind === 0) writeFileSync(join(root, `steps/api${i}.step.ts`), apiStep(i))
    else if (kind === 1) writeFileSync(join(root, `steps/ts${i}.step.ts`), tsEventStep(i))
    else if (kind === 2) writeFileSync(join(root, `steps/py${i}_step.py`), pyStep(i))
    else writeFileSync(join(root, `steps/cron${i}.step.ts`), cronStep(i))
  }
  writeFileSync(join(root, 'steps/carts.stream.ts'), stream)
  return root
}

async function commandMs(args: string[]): Promise<number> {
  const started = performance.now()
  const result = await execa('node', [BIN, ...args], { env: { MOTIA_PYTHON: PYTHON }, reject: false })
  if (result.exitCode !== 0) throw new Error(`motia ${args.join(' ')} failed:\n${result.stderr}`)
  return performance.now() - started
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50)

const root = makeProject()
console.log(`project: ${STEPS} steps (API, TS event, Python event, cron) and a stream in ${root}; load average ${loadavg()[0]!.toFixed(2)}`)

const quiet = new LogSink({ level: 'error', pretty: false, output: { write: (data) => data.length } })
const { steps, streams } = await loadProjectWithoutApp(root, { ...process.env, MOTIA_PYTHON: PYTHON }, quiet)
const contract = buildContract(steps, streams)
const generation: number[] = []
let bytes = 0
for (let run = 0; run < 200; run++) {
  const started = performance.now()
  bytes = generatedFiles(contract).reduce((total, file) => total + file.content.length, 0)
  generation.push(performance.now() - started)
}
console.log(`generation (contract -> files, in process): p50 ${median(generation).toFixed(3)} ms for ${bytes.toLocaleString('en-US')} characters (200 runs)`)

const types: number[] = []
const openapi: number[] = []
for (let run = 0; run < RUNS; run++) {
  types.push(await commandMs(['generate-types', '-p', root]))
  openapi.push(await commandMs(['generate', 'openapi', '-P', root, '-o', join(root, 'openapi.json')]))
}
const [typesMs, openapiMs] = [median(types), median(openapi)]
console.log(`motia generate-types:   median ${typesMs.toFixed(0)} ms (${RUNS} runs)`)
console.log(`motia generate openapi: median ${openapiMs.toFixed(0)} ms (${RUNS} runs, the baseline)`)
console.log(`ratio generate-types / generate openapi: ${(typesMs / openapiMs).toFixed(2)}`)
console.log(`generation share of the command: ${((median(generation) / typesMs) * 100).toFixed(2)} %`)
