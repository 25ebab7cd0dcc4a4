// A TS step that adds enumerable properties to Object.prototype must not corrupt the Python bridge (issue 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

describe('a polluted Object.prototype and the Python runners', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('polluted-prototype'), { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '1' } })
  })
  afterAll(async () => {
    await app?.stop()
  })

  // Frames of 180 bytes and more take msgpackr's key-cache path, the one an index property corrupts.
  const payload = (id: string) => ({
    id,
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', tags: ['a', 'b'] },
    lines: Array.from({ length: 6 }, (_, n) => ({ sku: `sku-${n}`, quantity: n, price: n * 1.5, note: '' })),
    s0: '',
  })
  const stored = async (group: string, id: string) =>
    eventually(async () => {
      const entries = (await (await fetch(`${app.url}/__motia/state/${group}`)).json()) as { key: string; value: unknown }[]
      return entries.find((entry) => entry.key === id)?.value
    }, 20_000)
  const roundTrip = async (id: string) => {
    const response = await fetch(`${app.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload(id)) })
    expect(response.status).toBe(202)
    expect(await stored('python', id)).toEqual(payload(id))
    expect(await stored('typescript', id)).toEqual(payload(id))
  }

  it('carries values exactly both ways after a step wrote Object.prototype[0], and keeps its runner', async () => {
    await roundTrip('before')
    expect((await fetch(`${app.url}/pollute`, { method: 'POST' })).status).toBe(200)
    await roundTrip('after-1')
    await roundTrip('after-2')
    expect(app.lines.filter((line) => /corrupt|starting a new runner/.test(line.msg))).toEqual([])
  })
})
