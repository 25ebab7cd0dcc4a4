// Two `motia run` nodes from one checkout on one Redis: events emitted on node 1 are handled by both, and
// when node 2 is SIGKILLed in the middle of a burst, node 1 takes over its jobs: none is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js'

/** The `n` of every event a node logged as handled, in `[from, from + count)`. */
function handledBy(node: MotiaProcess, from: number, count: number): number[] {
  return node.lines.filter((line) => line.step === 'Work' && line.msg === 'handled').map((line) => line.n as number).filter((n) => n >= from && n < from + count)
}

/** The events recorded as handled in state (a burst with `record`): what a SIGKILL cannot lose, unlike a log line. */
async function recorded(node: MotiaProcess, from: number, count: number): Promise<{ n: number; pid: number }[]> {
  const response = await fetch(`${node.url}/handled`)
  const all = (await response.json()) as { n: number; pid: number }[]
  return all.filter((entry) => entry.n >= from && entry.n < from + count)
}

/** Emits `count` events from `from` through node's API, in calls of 100 (`record`: handlers record them in state). */
async function burst(node: MotiaProcess, from: number, count: number, record = false): Promise<void> {
  for (let start = from; start < from + count; start += 100) {
    const response = await fetch(`${node.url}/burst`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: start, count: Math.min(100, from + count - start), ...(record ? { record } : {}) }),
    })
    expect(response.status).toBe(202)
  }
}

const range = (from: number, count: number) => [...Array(count).keys()].map((i) => from + i)

describe('two motia run nodes on one Redis', () => {
  let redis: RedisServer
  let node1: MotiaProcess
  let node2: MotiaProcess

  beforeAll(async () => {
    redis = await startRedisServer()
    const dir = copyFixture('redis-nodes')
    // A short delivery lease: a dead node's jobs are taken over within seconds (not so short that a node
    // starved of CPU by a busy machine misses its own lease renewals).
    const env = { MOTIA_REDIS_URL: redis.url, MOTIA_REDIS_LEASE_MS: '3000' }
    ;[node1, node2] = await Promise.all([startMotia(dir, { env }), startMotia(dir, { env })])
  }, 60_000)

  afterAll(async () => {
    await Promise.all([node1?.stop(), node2?.stop()])
    await redis?.close()
  })

  it('handles on both nodes the events of API calls made on node 1, each once', async () => {
    await burst(node1, 0, 200)
    await eventually(async () => (handledBy(node1, 0, 200).length + handledBy(node2, 0, 200).length >= 200 ? true : undefined), 30_000)
    const [on1, on2] = [handledBy(node1, 0, 200), handledBy(node2, 0, 200)]
    expect([...on1, ...on2].sort((a, b) => a - b)).toEqual(range(0, 200))
    expect(on1.length).toBeGreaterThan(0)
    expect(on2.length).toBeGreaterThan(0)
  }, 40_000)

  it('node 2 SIGKILLed in the middle of a burst of 2,000 events: every event is handled at least once', async () => {
    const from = 10_000
    const emitted = burst(node1, from, 2_000, true)
    await eventually(async () => (handledBy(node2, from, 2_000).length >= 50 ? true : undefined), 30_000)
    node2.child.kill('SIGKILL')
    await node2.child
    const handledBeforeKill = handledBy(node1, from, 2_000).length + handledBy(node2, from, 2_000).length
    expect(handledBeforeKill).toBeLessThan(2_000)
    await emitted
    // Handled means recorded in state by the handler: a log line the SIGKILL caught unwritten would look like a loss.
    const all = async () => new Set((await recorded(node1, from, 2_000)).map((entry) => entry.n))
    await eventually(async () => ((await all()).size === 2_000 ? true : undefined), 45_000).catch(() => undefined)
    // On failure: which events are missing, and what node 1 said (a dead letter, a Redis error).
    const problems = node1.lines.filter((line) => line.level === 'error').map((line) => line.msg)
    const seen = await all()
    expect({ missing: range(from, 2_000).filter((n) => !seen.has(n)), problems }).toEqual({ missing: [], problems: [] })
    // What node 2 had started but not recorded when it died was handled by node 1.
    const entries = await recorded(node1, from, 2_000)
    const byPid = (pid: number | undefined) => new Set(entries.filter((entry) => entry.pid === pid).map((entry) => entry.n))
    const [finished1, finished2] = [byPid(node1.child.pid), byPid(node2.child.pid)]
    expect(finished1.size).toBeGreaterThan(0)
    expect(finished2.size).toBeGreaterThan(0)
    const started2 = node2.lines.filter((line) => line.step === 'Work' && line.msg === 'handling').map((line) => line.n as number)
    const unfinished = started2.filter((n) => n >= from && !finished2.has(n))
    expect(unfinished.every((n) => finished1.has(n))).toBe(true)
    expect(node1.child.exitCode).toBeNull()
  }, 90_000)
})
