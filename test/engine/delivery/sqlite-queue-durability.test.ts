// Durability of SqliteQueue against a real crash: a child process is SIGKILLed, a new queue on its dir delivers all.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeadLetter, QueueMessage } from '../../../src/adapters/queue.js'
import { DATABASE_FILE } from '../../../src/adapters/sqlite/index.js'
import { SqliteQueue } from '../../../src/engine/delivery/index.js'
import { Recorder } from '../../adapters/queue-contract/helpers.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const CHILD = fileURLToPath(new URL('../../fixtures/adapters/sqlite-queue-child.ts', import.meta.url))

describe('SqliteQueue durability across SIGKILL', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'motia-durable-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    return dir
  }

  const child = (dir: string, mode: string, count: number) => execa('node', ['--import', 'tsx', CHILD, dir, mode, String(count)], { cwd: ROOT, reject: false })

  // Reopens the dir in this process and collects every delivery (fifo, so order is checked too).
  async function redeliver(dir: string, count: number, maxRetries = 0): Promise<QueueMessage[]> {
    const queue = new SqliteQueue(dir, { backoff: { baseMs: 1, maxMs: 1 } })
    cleanups.push(() => queue.close(0))
    const seen = new Recorder<QueueMessage>()
    queue.subscribe({ stepName: 'durable', type: 'fifo', maxRetries, concurrency: 4 }, async (m) => seen.push(m))
    await queue.start()
    await seen.count(count)
    return seen.items
  }

  const storedMessages = (dir: string) => {
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true })
    try {
      return (db.prepare('SELECT count(*) AS n FROM queue_messages').get() as { n: number }).n
    } finally {
      db.close()
    }
  }

  it('every message whose enqueue() resolved is delivered after the process is killed', async () => {
    const dir = tempDir()
    const result = await child(dir, 'enqueue-then-die', 2000)
    expect(result.stdout).toBe('enqueued')
    expect(result.signal).toBe('SIGKILL')
    expect(storedMessages(dir)).toBe(2000)
    const delivered = await redeliver(dir, 2000)
    expect(delivered.map((m) => (m.data as { n: number }).n)).toEqual([...Array(2000).keys()])
    expect(delivered[7]).toMatchObject({ topic: 'durable', traceId: 't-7', messageGroupId: 'g', attempts: 0 })
  })

  it('messages in flight when the process is killed are delivered again', async () => {
    const dir = tempDir()
    const subprocess = child(dir, 'hang-in-flight', 5)
    const inFlight: string[] = []
    for await (const line of subprocess) {
      inFlight.push(String(line))
      if (inFlight.length === 2) subprocess.kill('SIGKILL')
    }
    const result = await subprocess
    expect(result.signal).toBe('SIGKILL')
    expect(inFlight.sort()).toEqual(['in-flight 0', 'in-flight 1'])
    // The interrupted deliveries count as attempts: with retries left they are delivered again.
    const delivered = await redeliver(dir, 5, 1)
    expect(delivered.map((m) => (m.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4])
  })

  it('a retry scheduled before a crash keeps its attempt count: crashes do not reset maxRetries', async () => {
    const dir = tempDir()
    const runs = [await child(dir, 'fail-then-die', 1), await child(dir, 'fail-then-die', 0), await child(dir, 'fail-then-die', 0)]
    expect(runs.map((run) => [run.stdout, run.signal])).toEqual([0, 1, 2].map((n) => [`attempt ${n}`, 'SIGKILL']))
  })

  // The child's subscription has maxRetries 2: the fourth start finds 3 interrupted deliveries.
  for (const [mode, ending] of [['exit-in-handler', { exitCode: 3 }], ['kill-in-handler', { signal: 'SIGKILL' }]] as const) {
    it(`a message whose handler kills the process (${mode}) is dead-lettered after maxRetries + 1 restarts`, async () => {
      const dir = tempDir()
      const runs = [await child(dir, mode, 1), await child(dir, mode, 0), await child(dir, mode, 0)]
      expect(runs.map((run) => run.stdout)).toEqual(['attempt 0', 'attempt 1', 'attempt 2'])
      for (const run of runs) expect(run).toMatchObject(ending)

      const dead = new Recorder<DeadLetter>()
      const delivered: QueueMessage[] = []
      const queue = new SqliteQueue(dir, { onDeadLetter: dead.push })
      queue.subscribe({ stepName: 'durable', type: 'fifo', maxRetries: 2, concurrency: 1 }, async (m) => void delivered.push(m))
      await queue.start()
      await dead.count(1)
      expect(dead.items[0]).toMatchObject({
        stepName: 'durable',
        data: { n: 0 },
        attempts: 3,
        error: {
          type: 'DeliveryInterrupted',
          message: 'The process stopped 3 time(s) while this message was being handled (crash, kill or exit): moved to the dead letters after 3 attempts.',
          code: 'E_DELIVERY_INTERRUPTED',
          retryable: false,
        },
      })
      await queue.close(0)
      expect(delivered).toEqual([])
      expect(storedMessages(dir)).toBe(0)

      // The next restart has nothing to deliver; the dead letter is kept.
      const again = new SqliteQueue(dir)
      cleanups.push(() => again.close(0))
      expect((await again.listDeadLetters()).map((d) => d.error.code)).toEqual(['E_DELIVERY_INTERRUPTED'])
    })
  }

  it('a message interrupted once is delivered again with attempts 1, then acked', async () => {
    const dir = tempDir()
    const run = await child(dir, 'exit-in-handler', 1)
    expect([run.stdout, run.exitCode]).toEqual(['attempt 0', 3])
    const delivered = await redeliver(dir, 1, 2)
    expect(delivered).toMatchObject([{ data: { n: 0 }, attempts: 1 }])
    await cleanups.pop()!()
    expect(storedMessages(dir)).toBe(0)
    const again = new SqliteQueue(dir)
    cleanups.push(() => again.close(0))
    expect(await again.listDeadLetters()).toEqual([])
  })
})

describe('SqliteQueue storage', () => {
  it('creates <dir>/motia.db, including missing parent directories', async () => {
    const root = mkdtempSync(join(tmpdir(), 'motia-dir-'))
    const dir = join(root, 'nested', '.motia')
    const queue = new SqliteQueue(dir)
    await queue.close(0)
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true)
    rmSync(root, { recursive: true, force: true })
  })

  it('names the directory it cannot open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motia-file-'))
    const file = join(dir, 'not-a-dir')
    writeFileSync(file, '')
    expect(() => new SqliteQueue(file)).toThrow(
      expect.objectContaining({
        code: 'E_DATABASE_UNOPENABLE',
        message: `Cannot open the database in ${file} (EEXIST: file already exists, mkdir '${file}'): make ${file} a directory this user can write to, or run with --memory.`,
      }),
    )
    expect(() => new SqliteQueue('')).toThrow('Expected the SQLite directory to be a non-empty string, got `` (string).')
    rmSync(dir, { recursive: true, force: true })
  })
})
