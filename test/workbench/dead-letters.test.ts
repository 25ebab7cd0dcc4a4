// Dead letters against the example app: a greeting.composed for a request nobody stored fails
// DeliverGreeting until it is dead-lettered; the view shows why, the state browser adds the missing
// request, and a replay from the view delivers it. Replay all sends the other back to fail again; it is discarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

const WAIT = { timeout: 30_000 }

interface Letter {
  id: string
  stepName: string
  topic: string
  traceId: string
  attempts: number
  failedAt: number
  data: { requestId: string; text: string }
  error: { message: string }
}

describe('dead letters in a real browser', () => {
  let session: WorkbenchSession
  const api = (path: string, init?: RequestInit) => fetch(`${session.app.url}${path}`, init)
  const letters = async () => (await (await api('/__motia/dlq')).json()) as Letter[]
  const emit = (requestId: string, text: string) =>
    api('/__motia/emit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topic: 'greeting.composed', data: { requestId, text } }) })

  beforeAll(async () => {
    session = await openWorkbench({ hash: '#/dead-letters' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('shows a failed delivery with its error, replays it once the state is fixed, replays all, and discards one', async () => {
    const { page } = session
    expect((await emit('req-missing', 'Hello Grace')).status).toBe(200)
    expect((await emit('req-unwanted', 'Hello nobody')).status).toBe(200)
    await expect.poll(async () => (await letters()).length, WAIT).toBe(2)
    const all = await letters()
    const missing = all.find((letter) => letter.data.requestId === 'req-missing')!
    const unwanted = all.find((letter) => letter.data.requestId === 'req-unwanted')!
    expect(missing).toMatchObject({ stepName: 'DeliverGreeting', topic: 'greeting.composed', attempts: 4 })

    const card = page.locator(`[data-letter-id="${missing.id}"]`)
    await card.waitFor(WAIT)
    expect(await card.locator('[data-letter-error]').textContent()).toBe('Error: No greeting request req-missing in state: nothing to deliver')
    expect(await card.locator('[data-letter-topic]').textContent()).toBe('greeting.composed')
    expect(await card.locator('[data-json="data"]').textContent()).toContain('"requestId": "req-missing"')
    expect(await card.locator('[data-trace-link]').getAttribute('href')).toBe(`#/traces/${missing.traceId}`)
    expect(await page.locator('[data-letter-count]').textContent()).toBe('2')
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('dead-letters') })

    // The missing request, added with the state browser.
    await page.click('[data-tab="state"]')
    const form = page.locator('[data-add-entry]')
    await form.locator('[data-new-group]').fill('greetings')
    await form.locator('[data-new-key]').fill('req-missing')
    await form.locator('[data-json-editor]').fill('{"name": "Grace", "status": "composed"}')
    await form.locator('[data-action="save"]').click()
    await page.locator('[data-state-key="req-missing"]').waitFor(WAIT)

    await page.click('[data-tab="dead-letters"]')
    await card.locator('[data-action="replay"]').click()
    await card.waitFor({ state: 'detached', ...WAIT })
    const greeting = async () => ((await (await api('/__motia/state/greetings')).json()) as { key: string; value: unknown }[]).find((entry) => entry.key === 'req-missing')?.value
    await expect.poll(greeting, WAIT).toEqual({ name: 'Grace', text: 'Hello Grace', status: 'delivered' })

    // Replay all: the other one still has no request in state, so it fails its attempts again and comes back.
    await page.click('[data-action="replay-all"]')
    await expect.poll(async () => (await letters()).filter((letter) => letter.failedAt > unwanted.failedAt).length, WAIT).toBe(1)
    const [again] = await letters()
    expect(again).toMatchObject({ stepName: 'DeliverGreeting', data: { requestId: 'req-unwanted' }, attempts: 4 })

    const unwantedCard = page.locator(`[data-letter-id="${again!.id}"]`)
    await unwantedCard.locator('[data-action="discard"]').click()
    await unwantedCard.waitFor({ state: 'detached', ...WAIT })
    expect(await letters()).toEqual([])
    await page.waitForSelector('[data-letter-count="0"]', WAIT)
  }, 120_000)
})
