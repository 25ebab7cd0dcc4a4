import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

describe('a Python app written for Motia v0.x: *.step.py files and v0.x state reads', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('v0-python'))
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('serves a *.step.py API step (with a relative import) and runs a *.step.py event step that reads state as v0.x did', async () => {
    const response = await fetch(`${app.url}/orders/o-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ qty: 4 }) })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: 'o-1', qty: 4, total: 10 })
    const recorded = await app.waitForLine((l) => l.step === 'RecordOrder' && l.msg === 'order recorded')
    expect(recorded).toMatchObject({ id: 'o-1', total: 10 })
  })
})
