// Time from `motia run` to "Ready" on a one-step project and on a generated 50-step project (25
// TypeScript, 25 Python), beside a bare `node -e ''` from the same run (the floor any CLI pays).
//   node --import tsx bench/startup.ts [runs=7] [other checkout...]
// Extra arguments are other checkouts of this repo (with node_modules): they are measured in the same
// run, alternating with this one, so that before/after figures share the machine's state. Each figure
// is also given as a multiple of the floor, and the load average is printed: on a busy machine
// everything is slower, the ratios less so.
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'

const RUNS = Number(process.argv[2] ?? 7)
const REPO = resolve(import.meta.dirname, '..')
const CHECKOUTS = [REPO, ...process.argv.slice(3).map((path) => resolve(path))]
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')
const TARGETS = { small: 400, mixed: 800 }

function tsStep(i: number): string {
  return `import type { EventConfig, Handlers } from 'motia'
import { z } from 'zod'
export const config: EventConfig = { type: 'event', name: 'Ts${i}', subscribes: ['t${i}'], emits: ['p${i}'], input: z.object({ id: z.string(), n: z.number() }) }
export const handler: Handlers['Ts${i}'] = async (input, { emit }) => { await emit({ topic: 'p${i}', data: input }) }
`
}

function pyStep(i: number): string {
  return `config = {"type": "event", "name": "Py${i}", "subscribes": ["p${i}"], "emits": [],
          "input": {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": "number"}}, "required": ["id", "n"]}}

async def handler(data, context):
    context.logger.info("done", {"id": data["id"]})
`
}

function makeProject(tsSteps: number, pySteps: number): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-startup-'))
  mkdirSync(join(root, 'steps'))
  for (let i = 0; i < tsSteps; i++) writeFileSync(join(root, `steps/ts${i}.step.ts`), tsStep(i))
  for (let i = 0; i < pySteps; i++) writeFileSync(join(root, `steps/py${i}_step.py`), pyStep(i))
  return root
}

async function timeToExit(): Promise<number> {
  const started = performance.now()
  await execa('node', ['-e', ''])
  return performance.now() - started
}

async function timeToReady(checkout: string, root: string): Promise<number> {
  const started = performance.now()
  const child = execa('node', [join(checkout, 'bin/motia.js'), 'run', '--project', root, '--port', '0', '--memory'], {
    env: { MOTIA_PYTHON: PYTHON, MOTIA_LOG_LEVEL: 'info' },
    buffer: false,
    reject: false,
  })
  const ready = await new Promise<number>((resolvePromise, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready on')) resolvePromise(performance.now() - started)
    })
    void child.then(() => reject(new Error(`motia exited before ready:\n${out}`)))
  })
  child.kill('SIGTERM')
  await child
  return ready
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const loadAtStart = loadavg()[0]!
const small = makeProject(1, 0)
const mixed = makeProject(25, 25)
// Warm-up: tsx's compile cache and Python's bytecode cache.
for (const checkout of CHECKOUTS) await timeToReady(checkout, mixed)
const bare: number[] = []
const figures = CHECKOUTS.map(() => ({ small: [] as number[], mixed: [] as number[] }))
for (let i = 0; i < RUNS; i++) {
  bare.push(await timeToExit())
  for (const [index, checkout] of CHECKOUTS.entries()) {
    figures[index]!.small.push(await timeToReady(checkout, small))
    figures[index]!.mixed.push(await timeToReady(checkout, mixed))
  }
}
rmSync(small, { recursive: true, force: true })
rmSync(mixed, { recursive: true, force: true })
const floor = median(bare)
const ofFloor = (ms: number) => `${(ms / floor).toFixed(1)}x floor`
console.log(`motia run to "Ready", median of ${RUNS} runs, Node ${process.version}, load average ${loadAtStart.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`)
console.log(`node -e '' (floor)                          ${floor.toFixed(0)} ms`)
for (const [index, checkout] of CHECKOUTS.entries()) {
  const { small: one, mixed: fifty } = figures[index]!
  if (CHECKOUTS.length > 1) console.log(checkout)
  console.log(`1 TypeScript step                           ${median(one).toFixed(0)} ms, ${ofFloor(median(one))} (target < ${TARGETS.small} ms)`)
  console.log(`50 steps: 25 TypeScript (zod) + 25 Python   ${median(fifty).toFixed(0)} ms, ${ofFloor(median(fifty))} (target < ${TARGETS.mixed} ms)`)
}
