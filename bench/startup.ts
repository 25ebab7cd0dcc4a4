// Time from `motia run` to "Ready" on a one-step project and on a generated 50-step project (25
// TypeScript, 25 Python), beside a bare `node -e ''` from the same run (the floor any CLI pays). The
// projects sit in this repo, so their steps are ES modules (its package.json has `"type": "module"`);
// the one-step project is also measured with a package.json of its own without it (CommonJS steps, as
// in most Motia v0.x projects). Beside each time, the CPU time the motia process (all its threads) used
// until "Ready": on a machine shared with other work, wall times grow with the load, CPU times far less.
//   node --import tsx bench/startup.ts [runs=7] [other checkout...]
// Extra arguments are other checkouts of this repo (with node_modules): they are measured in the same
// run, alternating with this one, so that before/after figures share the machine's state. Each figure
// is also given as a multiple of the floor, and the load average is printed: on a busy machine
// everything is slower, the ratios less so.
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

function makeProject(tsSteps: number, pySteps: number, packageJson?: object): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-startup-'))
  mkdirSync(join(root, 'steps'))
  if (packageJson) writeFileSync(join(root, 'package.json'), JSON.stringify(packageJson))
  for (let i = 0; i < tsSteps; i++) writeFileSync(join(root, `steps/ts${i}.step.ts`), tsStep(i))
  for (let i = 0; i < pySteps; i++) writeFileSync(join(root, `steps/py${i}_step.py`), pyStep(i))
  return root
}

interface Ready {
  ms: number
  cpuMs: number
}

// `node -e ''` that prints the CPU time it used.
async function timeToExit(): Promise<Ready> {
  const started = performance.now()
  const { stdout } = await execa('node', ['-e', 'const { user, system } = process.cpuUsage(); process.stdout.write(String((user + system) / 1000))'])
  return { ms: performance.now() - started, cpuMs: Number(stdout) }
}

// utime + stime of the process (every thread), in clock ticks of 10 ms (Linux).
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function timeToReady(checkout: string, root: string): Promise<Ready> {
  const started = performance.now()
  const child = execa('node', [join(checkout, 'bin/motia.js'), 'run', '--project', root, '--port', '0', '--memory'], {
    env: { MOTIA_PYTHON: PYTHON, MOTIA_LOG_LEVEL: 'info' },
    buffer: false,
    reject: false,
  })
  const ready = await new Promise<Ready>((resolvePromise, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready on')) resolvePromise({ ms: performance.now() - started, cpuMs: cpuMsOf(child.pid!) })
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
const smallCommonJs = makeProject(1, 0, { name: 'bench-startup-commonjs' })
const mixed = makeProject(25, 25)
// Warm-up: tsx's compile cache and Python's bytecode cache.
for (const checkout of CHECKOUTS) await timeToReady(checkout, mixed)
const bare: Ready[] = []
const figures = CHECKOUTS.map(() => ({ small: [] as Ready[], smallCommonJs: [] as Ready[], mixed: [] as Ready[] }))
for (let i = 0; i < RUNS; i++) {
  bare.push(await timeToExit())
  for (const [index, checkout] of CHECKOUTS.entries()) {
    figures[index]!.small.push(await timeToReady(checkout, small))
    figures[index]!.smallCommonJs.push(await timeToReady(checkout, smallCommonJs))
    figures[index]!.mixed.push(await timeToReady(checkout, mixed))
  }
}
for (const root of [small, smallCommonJs, mixed]) rmSync(root, { recursive: true, force: true })
const floor = median(bare.map((run) => run.ms))
const ofFloor = (ms: number) => `${(ms / floor).toFixed(1)}x floor`
console.log(`motia run to "Ready", median of ${RUNS} runs, Node ${process.version}, load average ${loadAtStart.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`)
console.log(`node -e '' (floor)                          ${floor.toFixed(0)} ms, CPU ${median(bare.map((run) => run.cpuMs)).toFixed(0)} ms`)
const describe = (runs: Ready[], target: number) => {
  const ms = median(runs.map((run) => run.ms))
  return `${ms.toFixed(0)} ms, ${ofFloor(ms)} (target < ${target} ms), CPU ${median(runs.map((run) => run.cpuMs)).toFixed(0)} ms`
}
for (const [index, checkout] of CHECKOUTS.entries()) {
  const { small: one, smallCommonJs: oneCommonJs, mixed: fifty } = figures[index]!
  if (CHECKOUTS.length > 1) console.log(checkout)
  console.log(`1 TypeScript step (ES module)               ${describe(one, TARGETS.small)}`)
  console.log(`1 TypeScript step (CommonJS project)        ${describe(oneCommonJs, TARGETS.small)}`)
  console.log(`50 steps: 25 TypeScript (zod) + 25 Python   ${describe(fifty, TARGETS.mixed)}`)
}
