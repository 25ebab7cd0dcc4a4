import { describe, expect, it } from 'vitest'
import { copyFixture, eventually, motiaCli, startMotia } from '../helpers/motia-process.js'

const order = (item: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ item, quantity: 1 }),
})

describe('motia run lifecycle', () => {
  it('loses no accepted event when killed with SIGKILL: pending events run on the next start', async () => {
    const project = copyFixture('basic')
    const first = await startMotia(project)
    // "slow" orders take 1.5 s in StoreOrder: they are in flight when the process dies.
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${first.url}/orders`, order('slow'))
      expect(response.status).toBe(201)
      ids.push(((await response.json()) as { id: string }).id)
    }
    const killed = await first.stop('SIGKILL')
    expect(killed.signal).toBe('SIGKILL')
    expect(first.lines.filter((l) => l.msg === 'Order stored')).toHaveLength(0)

    const second = await startMotia(project)
    try {
      for (const id of ids) {
        await eventually(async () => ((await fetch(`${second.url}/orders/${id}`)).status === 200 ? true : undefined), 15_000)
      }
    } finally {
      await second.stop()
    }
  })

  it('on SIGTERM stops intake, lets in-flight handlers finish, and exits 0', async () => {
    const project = copyFixture('basic')
    const app = await startMotia(project)
    const response = await fetch(`${app.url}/orders`, order('slow'))
    const { id } = (await response.json()) as { id: string }
    const result = await app.stop('SIGTERM')
    expect(result.exitCode).toBe(0)
    expect(app.lines.some((l) => l.msg === 'Order stored' && l.id === id)).toBe(true)
    expect(app.lines.at(-1)?.msg).toBe('Stopped')
  })

  it('exits at once on a second SIGINT, without waiting for in-flight handlers', async () => {
    const app = await startMotia(copyFixture('basic'))
    const hanging = fetch(`${app.url}/misbehave?case=hang`).then(
      (response) => response.status,
      () => 'cut',
    )
    await app.waitForLine((l) => l.msg === 'hanging on purpose')
    app.child.kill('SIGINT')
    await app.waitForLine((l) => l.msg === 'Received SIGINT')
    const result = await app.stop('SIGINT')
    expect(result.exitCode).toBe(130)
    expect(app.lines.at(-1)?.msg).toBe('Received SIGINT again: exiting now, without waiting for in-flight work')
    expect(await hanging).toBe('cut')
  })

  it('refuses to start a second app on the same project while the first runs', async () => {
    const project = copyFixture('basic')
    const first = await startMotia(project)
    try {
      const second = await motiaCli(['run', '--project', project, '--port', '0'])
      expect(second.exitCode).toBe(1)
      expect(second.stderr).toContain(`motia: Another motia process (pid ${first.child.pid}) is running this project`)
      expect(second.stderr).toContain('Stop it first, or run this one with --memory.')
      expect((await fetch(`${first.url}/orders/none`)).status).toBe(404)
    } finally {
      await first.stop()
    }
  })

  it('keeps admin endpoints closed in run mode unless MOTIA_ADMIN_TOKEN is set, then requires it', async () => {
    const closed = await startMotia(copyFixture('basic'), { command: 'run' })
    try {
      expect((await fetch(`${closed.url}/__motia/flows`)).status).toBe(404)
    } finally {
      await closed.stop()
    }
    const guarded = await startMotia(copyFixture('basic'), { command: 'run', env: { MOTIA_ADMIN_TOKEN: 's3cret' } })
    try {
      expect((await fetch(`${guarded.url}/__motia/flows`)).status).toBe(401)
      expect((await fetch(`${guarded.url}/__motia/flows`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
      const ok = await fetch(`${guarded.url}/__motia/flows`, { headers: { authorization: 'Bearer s3cret' } })
      expect(ok.status).toBe(200)
    } finally {
      await guarded.stop()
    }
  })
})
