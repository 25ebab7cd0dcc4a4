// Start time and memory with a large backlog: `motia run` on a project whose .motia/motia.db holds `count` pending
// events (made in one SQLite transaction), against a baseline from the same run: the same project, empty queue.
//   node --import tsx bench/backlog.ts [count=1000000] [drainSeconds=10]
// A run with a tenth of the backlog shows what memory follows: the delivery rate (it should), the backlog (it must not).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { execa } from 'execa'
import { createQueueTables } from '../src/adapters/sqlite/queue-rows.js'
import { DATABASE_FILE } from '../src/adapters/sqlite/index.js'

const COUNT = Number(process.argv[2] ?? 1_000_000)
const DRAIN_SECONDS = Number(process.argv[3] ?? 10)
const REPO = resolve(import.meta.dirname, '..')

function makeProject(): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'bench-backlog-'))
  cpSync(join(REPO, 'bench/fixtures/backlog'), root, { recursive: true })
  return root
}

// The rows the queue itself would write, `count` of them, in one transaction.
function fillBacklog(root: string, count: number): number {
  const started = performance.now()
  const dir = join(root, '.motia')
  mkdirSync(dir, { recursive: true })
  const db = new Database(join(dir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  createQueueTables(db)
  const insert = db.prepare(
    `INSERT INTO queue_messages (id, step_name, topic, data, trace_id, message_group_id, attempts, visible_at, created_at, deliveries)
     VALUES (?, 'BacklogSink', 'backlog.item', ?, ?, NULL, 0, 0, ?, 0)`,
  )
  const now = Date.now()
  const run = randomUUID()
  db.transaction(() => {
    for (let n = 0; n < count; n++) insert.run(`${run}-${n}`, `{"n":${n}}`, `${run}-trace-${n % 1000}`, now)
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return performance.now() - started
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

function pending(root: string): number {
  const db = new Database(join(root, '.motia', DATABASE_FILE), { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM queue_messages').pluck().get() as number
  } finally {
    db.close()
  }
}

interface Run {
  readyMs: number
  rssReady: number
  rssPeak: number
  drained: number
}

async function measure(root: string, drainSeconds: number): Promise<Run> {
  const before = pending(root)
  const started = performance.now()
  const child = execa('node', [join(REPO, 'bin/motia.js'), 'run', '--project', root, '--port', '0'], {
    env: { MOTIA_LOG_LEVEL: 'info' },
    buffer: false,
    reject: false,
  })
  const readyMs = await new Promise<number>((resolvePromise, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready on')) resolvePromise(performance.now() - started)
    })
    void child.then(() => reject(new Error(`motia exited before ready:\n${out}`)))
  })
  const rssReady = rssMb(child.pid!)
  let rssPeak = rssReady
  for (let waited = 0; waited < drainSeconds * 1000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250))
    rssPeak = Math.max(rssPeak, rssMb(child.pid!))
  }
  child.kill('SIGTERM')
  await child
  return { readyMs, rssReady, rssPeak, drained: before - pending(root) }
}

const root = makeProject()
try {
  fillBacklog(root, 0)
  const baseline = await measure(root, DRAIN_SECONDS)
  const fresh = () => rmSync(join(root, '.motia'), { recursive: true, force: true })
  // A tenth of the backlog, drained as long: if memory followed the backlog, its peak would be far lower.
  fresh()
  fillBacklog(root, COUNT / 10)
  const tenth = await measure(root, DRAIN_SECONDS)
  fresh()
  const fillMs = fillBacklog(root, COUNT)
  const backlog = await measure(root, DRAIN_SECONDS)

  const mb = (value: number) => `${value.toFixed(0)} MB`
  const ms = (value: number) => `${value.toFixed(0)} ms`
  const row = (label: string, pick: (run: Run) => number, unit: (value: number) => string, target = '') =>
    console.log(
      `${label.padEnd(24)}${unit(pick(baseline)).padEnd(14)}${unit(pick(tenth)).padEnd(14)}${unit(pick(backlog)).padEnd(14)}` +
        `${(pick(backlog) / pick(baseline)).toFixed(2)}x`.padEnd(14) +
        `${(pick(backlog) / pick(tenth)).toFixed(2)}x  ${target}`,
    )
  const count = (n: number) => n.toLocaleString('en')
  console.log(`motia run with ${count(COUNT)} pending events (made in ${(fillMs / 1000).toFixed(1)} s), Node ${process.version}; the baseline is the same app with an empty queue`)
  console.log(`${''.padEnd(24)}${'empty'.padEnd(14)}${count(COUNT / 10).padEnd(14)}${count(COUNT).padEnd(14)}${'vs empty'.padEnd(14)}vs ${count(COUNT / 10)}`)
  row('start to "Ready"', (run) => run.readyMs, ms, '(target < 2000 ms)')
  row('RSS at "Ready"', (run) => run.rssReady, mb)
  row(`peak RSS, ${DRAIN_SECONDS} s draining`, (run) => run.rssPeak, mb, '(target < 200 MB)')
  console.log(`events delivered in those ${DRAIN_SECONDS} s: ${count(tenth.drained)} of ${count(COUNT / 10)}, ${count(backlog.drained)} of ${count(COUNT)}`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
