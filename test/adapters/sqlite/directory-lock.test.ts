// The project lock under real contention: processes racing for it, with and without a lock left by a killed process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa, type ResultPromise } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import { PID_FILE } from '../../../src/adapters/sqlite/directory-lock.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const CHILD = fileURLToPath(new URL('../../fixtures/adapters/lock-child.ts', import.meta.url))
const RACERS = 6

describe('lockDirectory across processes', () => {
  const children: ResultPromise[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.stdin?.end()
      child.kill('SIGKILL')
      await child
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'motia-lock-'))
    dirs.push(dir)
    return dir
  }

  // Starts a racer and resolves once it has loaded and waits for "go"; `outcome` resolves with its answer.
  async function racer(dir: string) {
    const child = execa('node', ['--import', 'tsx', CHILD, dir], { cwd: ROOT, reject: false, buffer: false })
    children.push(child)
    const lines: string[] = []
    const waiters: (() => void)[] = []
    child.stdout!.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      for (const wake of waiters.splice(0)) wake()
    })
    const line = (n: number) =>
      new Promise<string>((resolve, reject) => {
        const check = () => (lines.length > n ? resolve(lines[n]!) : waiters.push(check))
        void child.then(() => (lines.length > n ? resolve(lines[n]!) : reject(new Error(`racer exited: ${lines.join(' ')}`))))
        check()
      })
    await line(0)
    return { child, go: () => child.stdin!.write('go\n'), outcome: () => line(1) }
  }

  async function race(dir: string): Promise<string[]> {
    const racers = await Promise.all([...Array(RACERS)].map(() => racer(dir)))
    for (const r of racers) r.go()
    return Promise.all(racers.map((r) => r.outcome()))
  }

  it('of processes racing for a free lock exactly one wins; the others are refused with E_PROJECT_LOCKED', async () => {
    const outcomes = await race(tempDir())
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'E_PROJECT_LOCKED')).toHaveLength(RACERS - 1)
  })

  it('a lock left by a killed process is free again, and of the processes racing for it exactly one wins', async () => {
    const dir = tempDir()
    const first = await racer(dir)
    first.go()
    expect(await first.outcome()).toBe('won')
    expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(String(first.child.pid))
    first.child.kill('SIGKILL')
    await first.child
    const outcomes = await race(dir)
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'E_PROJECT_LOCKED')).toHaveLength(RACERS - 1)
  })

  it('a stale pid file naming a dead (or reused) pid does not lock anyone out, and exactly one racer wins', async () => {
    const dir = tempDir()
    // pid 1 is alive (init): the pid file alone never decides; only a live lock holder does.
    writeFileSync(join(dir, PID_FILE), '1')
    const outcomes = await race(dir)
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'E_PROJECT_LOCKED')).toHaveLength(RACERS - 1)
  })
})
