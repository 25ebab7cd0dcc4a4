// Hot reload in `motia dev`: the time from writing a step file to its new version answering (its route
// polled until the response changes), for a TS step and for a Python step, over `saves` saves each;
// beside one request round trip to the same app (the floor of the polling), from the same run. Saves
// are PAUSE_MS apart, as a developer's are: after a Python reload, `motia dev` starts the runners of the
// next one ahead (PythonLanguage.warmUp), and a save within that time waits for them.
//   node --import tsx bench/reload.ts [saves=10]
import { execa } from 'execa'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { percentile } from './lib/stats.js'

const SAVES = Number(process.argv[2] ?? 10)
const REPO = resolve(import.meta.dirname, '..')
const PYTHON = process.env.MOTIA_PYTHON ?? join(REPO, '.venv/bin/python')
const TARGETS = { ts: 300, python: 1000 }
const PAUSE_MS = 2000
const pause = () => new Promise((resolvePromise) => setTimeout(resolvePromise, PAUSE_MS))

function copyProject(): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-reload-'))
  cpSync(join(REPO, 'test/fixtures/apps/hot-reload'), root, { recursive: true })
  return root
}

async function startDev(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = execa('node', [join(REPO, 'bin/motia.js'), 'dev', '--project', root, '--port', '0', '--host', '127.0.0.1'], {
    env: { MOTIA_PYTHON: PYTHON, MOTIA_LOG_LEVEL: 'debug' },
    buffer: false,
    reject: false,
  })
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = ''
    let ready: string | undefined
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      ready ??= /Ready on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1]
      if (ready && out.includes('Watching the project for changes (hot reload)')) resolvePromise(ready)
    })
    void child.then(() => reject(new Error(`motia exited before it watched:\n${out}`)))
  })
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      await child
    },
  }
}

/** Writes the new version of `file`, then polls `route` until it answers with `version`: the ms in between. */
async function timeSave(root: string, file: string, from: RegExp, version: string, url: string): Promise<number> {
  const path = join(root, file)
  const source = readFileSync(path, 'utf8').replace(from, version)
  const started = performance.now()
  writeFileSync(path, source)
  for (;;) {
    const body = (await (await fetch(url)).json()) as { version?: string }
    if (body.version === version) return performance.now() - started
  }
}

async function roundTrip(url: string): Promise<number> {
  const started = performance.now()
  await (await fetch(url)).json()
  return performance.now() - started
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms   p90 ${percentile(sorted, 90).toFixed(0).padStart(5)} ms`
}

const loadAtStart = loadavg()[0]!
const root = copyProject()
const app = await startDev(root)
try {
  const ts = { file: 'steps/hello.step.ts', from: /ts v\d+/, route: `${app.url}/hello` }
  const py = { file: 'steps/version_step.py', from: /py v\d+/, route: `${app.url}/py` }
  // Warm-up: the first reload registers the module hook; tsx and Python compile caches fill.
  await timeSave(root, ts.file, ts.from, 'ts v0', ts.route)
  await timeSave(root, py.file, py.from, 'py v0', py.route)
  const tsTimes: number[] = []
  const pyTimes: number[] = []
  for (let i = 1; i <= SAVES; i++) {
    await pause()
    tsTimes.push(await timeSave(root, ts.file, ts.from, `ts v${i}`, ts.route))
    await pause()
    pyTimes.push(await timeSave(root, py.file, py.from, `py v${i}`, py.route))
  }
  const trips: number[] = []
  for (let i = 0; i < 50; i++) trips.push(await roundTrip(ts.route))

  console.log(`save -> new version answering, ${SAVES} saves each, ${PAUSE_MS / 1000} s apart (load average ${loadAtStart.toFixed(2)} at start)`)
  console.log(`  TypeScript step   ${summary(tsTimes)}   target < ${TARGETS.ts} ms`)
  console.log(`  Python step       ${summary(pyTimes)}   target < ${TARGETS.python} ms`)
  console.log(`  baseline: one GET round trip ${summary(trips)}`)
  const tsP50 = percentile([...tsTimes].sort((a, b) => a - b), 50)
  const pyP50 = percentile([...pyTimes].sort((a, b) => a - b), 50)
  if (tsP50 > TARGETS.ts || pyP50 > TARGETS.python) console.log('  (a median above its target)')
} finally {
  await app.stop()
}
