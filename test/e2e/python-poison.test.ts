import { describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia } from '../helpers/motia-process.js'

interface DeadLetter {
  stepName: string
  data: { i: number; poison: boolean }
  error: { code?: string; message: string }
}

describe('a poison event in a burst', () => {
  it('dead-letters alone: the events that shared its runner lose no attempt', async () => {
    const app = await startMotia(copyFixture('python-poison', 'test/fixtures/apps'), { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '2' } })
    try {
      const count = 400
      const response = await fetch(`${app.url}/burst`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count, poisonAt: 150 }),
      })
      expect(response.status).toBe(202)
      const done = (msg: string) => new Set(app.lines.filter((l) => l.msg === msg).map((l) => l.i)).size
      // Every delivery ends as done or dead-lettered (maxRetries: 0): wait for all of them, then look.
      const letters = await eventually(async () => {
        const dlq = (await (await fetch(`${app.url}/__motia/dlq`)).json()) as DeadLetter[]
        const of = (step: string) => dlq.filter((l) => l.stepName === step).length
        return done('healthy done') + of('Healthy') === count && done('poison step ok') + of('Poison') === count ? dlq : undefined
      }, 50_000)
      expect(letters.map((l) => [l.stepName, l.data.i, l.error.code])).toEqual([['Poison', 150, 'E_RUNNER_CRASHED']])
      expect(letters[0]!.error.message).toMatch(/^Python runner \(pid \d+\) was killed by SIGSEGV while running step "Poison" alone\./)
    } finally {
      await app.stop()
    }
  }, 60_000)
})
