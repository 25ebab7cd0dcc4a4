// Start time and memory with a large backlog: `motia run` on a project whose .motia/motia.db holds `count` pending
// events (made in one SQLite transaction), against a baseline from the same run: the same project, empty queue.
//   node --import tsx bench/backlog.ts [count=1000000] [drainSeconds=10]
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
  db.transaction(() => {
    for (let n = 0; n < count; n++) insert.run(randomUUID(), `{"n":${n}}`, randomUUID(), now)
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
  const baseline = await measure(root, 2)
  rmSync(join(root, '.motia'), { recursive: true, force: true })
  const fillMs = fillBacklog(root, COUNT)
  const backlog = await measure(root, DRAIN_SECONDS)
  const mb = (value: number) => `${value.toFixed(0)} MB`
  console.log(`motia run with ${COUNT.toLocaleString('en')} pending events (made in ${(fillMs / 1000).toFixed(1)} s), Node ${process.version}`)
  console.log(`                       empty queue (baseline)   backlog           ratio`)
  console.log(`start to "Ready"       ${`${baseline.readyMs.toFixed(0)} ms`.padEnd(25)}${`${backlog.readyMs.toFixed(0)} ms`.padEnd(18)}${(backlog.readyMs / baseline.readyMs).toFixed(2)}x   (target < 2000 ms)`)
  console.log(`RSS at "Ready"         ${mb(baseline.rssReady).padEnd(25)}${mb(backlog.rssReady).padEnd(18)}${(backlog.rssReady / baseline.rssReady).toFixed(2)}x`)
  console.log(`peak RSS, ${DRAIN_SECONDS} s draining ${mb(baseline.rssPeak).padEnd(25)}${mb(backlog.rssPeak).padEnd(18)}${(backlog.rssPeak / baseline.rssPeak).toFixed(2)}x   (target < 200 MB)`)
  console.log(`events delivered while draining: ${backlog.drained.toLocaleString('en')} (${(backlog.drained / DRAIN_SECONDS).toFixed(0)}/s)`)
} finally {
  rmSync(root, { recursive: true, force: true })
}
