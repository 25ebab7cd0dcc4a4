// The traces tab: a request to the example app, seen as one waterfall across TS -> Python -> TS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

describe('the traces waterfall in a real browser', () => {
  let session: WorkbenchSession

  beforeAll(async () => {
    session = await openWorkbench({ hash: '#/traces' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('lists the trace of a POST /greetings and draws its spans: http, the Python handler with its pid, the queue wait', async () => {
    const { page, app } = session
    const response = await fetch(`${app.url}/greetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', tone: 'pirate' }),
    })
    expect(response.status).toBe(202)
    const traceId = response.headers.get('x-trace-id')!
    // The trace is complete once the last step (TypeScript, after the Python one) has run.
    await app.waitForLine((line) => line.traceId === traceId && line.step === 'DeliverGreeting', 30_000)

    const item = page.locator(`[data-trace-list] [data-trace-id="${traceId}"]`)
    await item.waitFor({ timeout: 30_000 })
    await expect.poll(() => item.textContent(), { timeout: 30_000 }).toContain('ComposeGreeting')
    await item.click()
    await page.waitForURL(new RegExp(`#/traces/${traceId}$`))

    const python = page.locator('[data-span-kind="handler"][data-language="python"]')
    await python.first().waitFor({ timeout: 30_000 })
    expect(await python.first().textContent()).toContain('ComposeGreeting')
    expect(await python.first().locator('[data-pid]').textContent()).toMatch(/^pid \d+$/)
    expect(await python.first().locator('[data-language-hop]').getAttribute('data-language-hop')).toBe('typescript→python')
    expect(await page.locator('[data-span-kind="http"]').first().textContent()).toContain('POST /greetings')
    await expect.poll(() => page.locator('[data-span-kind="queue"]').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    expect(await page.locator('[data-span-kind="queue"]').first().textContent()).toMatch(/waited /)

    // The details of the Python span: its attributes and the log line it wrote.
    await python.first().click()
    const details = page.locator('[data-span-details]')
    await details.waitFor()
    expect(await details.locator('[data-attribute="pid"] td').textContent()).toMatch(/^\d+$/)
    expect(await details.locator('[data-attribute="outcome"] td').textContent()).toBe('ok')
    expect(await details.locator('[data-log-line]').allTextContents()).toEqual([expect.stringContaining('Greeting composed')])
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('traces') })
  }, 120_000)

  it('opens a trace from a deep link, and says when it is unknown', async () => {
    const { page, app } = session
    const response = await fetch(`${app.url}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bo' }) })
    const traceId = response.headers.get('x-trace-id')!
    await app.waitForLine((line) => line.traceId === traceId && line.step === 'DeliverGreeting', 30_000)
    await page.goto(`${app.url}/__motia/workbench#/traces/${traceId}`)
    await page.waitForSelector(`[data-trace="${traceId}"]`, { timeout: 30_000 })
    await page.waitForSelector('[data-span-kind="handler"][data-language="typescript"]', { timeout: 30_000 })
    await page.goto(`${app.url}/__motia/workbench#/traces/unknown-trace`)
    const error = await page.waitForSelector('[data-trace-error]', { timeout: 30_000 })
    expect(await error.textContent()).toMatch(/^No trace unknown-trace: it was never recorded/)
  }, 120_000)
})
