// The state browser against the example app: a greeting's state seen, edited, a key added and deleted,
// each change checked through the API too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

const WAIT = { timeout: 30_000 }

describe('the state browser in a real browser', () => {
  let session: WorkbenchSession
  const api = (path: string, init?: RequestInit) => fetch(`${session.app.url}${path}`, init)
  const entries = async (groupId: string) => (await (await api(`/__motia/state/${encodeURIComponent(groupId)}`)).json()) as { key: string; value: unknown }[]
  const storedValue = async (groupId: string, key: string) => (await entries(groupId)).find((entry) => entry.key === key)?.value

  beforeAll(async () => {
    session = await openWorkbench({ hash: '#/state' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it("shows a greeting's state after a POST, and saves an edit made in the JSON editor", async () => {
    const { page } = session
    const posted = await api('/greetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada', tone: 'pirate' }) })
    const { traceId } = (await posted.json()) as { traceId: string }
    await expect.poll(() => storedValue('greetings', traceId), WAIT).toMatchObject({ status: 'delivered' })

    await page.click('[data-state-group="greetings"]', WAIT)
    const card = page.locator(`[data-state-key="${traceId}"]`)
    await expect.poll(() => card.locator('[data-json="value"]').textContent(), WAIT).toContain('"text": "Ahoy Ada! Welcome aboard, matey!"')
    expect(new URL(page.url()).hash).toBe('#/state/greetings')

    await card.locator('[data-action="edit"]').click()
    const editor = card.locator('[data-json-editor]')
    await editor.fill('{"name": "Ada", "text": "Edited",')
    await page.waitForSelector(`[data-state-key="${traceId}"] [data-json-status="invalid"]`, WAIT)
    expect(await card.locator('[data-action="save"]').isDisabled()).toBe(true)
    await editor.fill('{"name": "Ada", "text": "Edited by hand", "status": "delivered", "stars": 5}')
    await card.locator('[data-action="save"]').click()
    await expect.poll(() => card.locator('[data-json="value"]').textContent(), WAIT).toContain('"text": "Edited by hand"')
    expect(await storedValue('greetings', traceId)).toEqual({ name: 'Ada', text: 'Edited by hand', status: 'delivered', stars: 5 })
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('state') })
  }, 90_000)

  it('adds a key whose name needs encoding, with a value of mixed JSON types, then deletes it', async () => {
    const { page } = session
    const key = 'note/1 é?#'
    const form = page.locator('[data-add-entry]')
    await expect.poll(() => form.locator('[data-new-group]').inputValue(), WAIT).toBe('greetings')
    await form.locator('[data-new-key]').fill(key)
    await form.locator('[data-json-editor]').fill('[1, "two", null, false, {"three": 3.5}]')
    await form.locator('[data-action="save"]').click()
    const card = page.locator(`[data-state-key="${key}"]`)
    await card.waitFor(WAIT)
    expect(await card.locator('.badge').textContent()).toBe('array')
    expect(await storedValue('greetings', key)).toEqual([1, 'two', null, false, { three: 3.5 }])

    await card.locator('[data-action="delete"]').click()
    await card.waitFor({ state: 'detached', ...WAIT })
    expect((await entries('greetings')).map((entry) => entry.key)).not.toContain(key)
    const again = await api(`/__motia/state/greetings/${encodeURIComponent(key)}`, { method: 'DELETE' })
    expect(again.status).toBe(404)
  }, 90_000)
})
