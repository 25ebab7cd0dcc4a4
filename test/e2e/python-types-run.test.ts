// Python steps that import the generated motia_types.py at run time still load and run under `motia run`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, type MotiaProcess, startMotia } from '../helpers/motia-process.js'

describe('a Python step typed with motia_types.py, under motia run', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    // The orders fixture commits its motia_types.py; PriceOrder imports it with a plain import.
    app = await startMotia(copyFixture('orders', 'test/fixtures/typegen-python'))
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
  })

  it('handles an event from a TS step and emits to a TS zod subscriber and a fifo one', async () => {
    const response = await fetch(`${app.url}/orders/north`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'tea', quantity: 4 }),
    })
    expect(response.status).toBe(202)
    const { orderId } = (await response.json()) as { orderId: string }
    const shipped = await app.waitForLine((line) => line.step === 'ShipOrder' && line.msg === 'shipped', 30_000)
    expect(shipped.order).toEqual({ orderId, total: 10, lines: [{ sku: 'tea', quantity: 4 }] })
    const billed = await app.waitForLine((line) => line.step === 'BillOrder' && line.msg === 'billed', 30_000)
    expect(billed.order).toEqual({ orderId })
  })
})
