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
      await eventually(async () => (done('healthy done') === count && done('poison step ok') === count - 1 ? true : undefined), 60_000)
      const letters = (await (await fetch(`${app.url}/__motia/dlq`)).json()) as DeadLetter[]
      expect(letters.map((l) => [l.stepName, l.data.i, l.error.code])).toEqual([['Poison', 150, 'E_RUNNER_CRASHED']])
      expect(letters[0]!.error.message).toMatch(/^Python runner \(pid \d+\) was killed by SIGSEGV while running step "Poison" alone\./)
    } finally {
      await app.stop()
    }
  })
})
