// The live logs in a real browser, on a copy of the example app: a request's lines appear as they are
// logged, and the step, level and trace filters hold.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

const DEADLINE = { timeout: 60_000 }
const TEST_TIMEOUT = 120_000

async function requestGreeting(base: string, name: string): Promise<string> {
  const response = await fetch(`${base}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, tone: 'pirate' }) })
  return ((await response.json()) as { traceId: string }).traceId
}

const rows = (page: Page) =>
  page.locator('[data-log-seq]').evaluateAll((lines) => lines.map((line) => ({ step: line.getAttribute('data-step'), level: line.getAttribute('data-level'), trace: line.querySelector('[data-trace-link]')?.getAttribute('data-trace-link'), msg: line.querySelector('.log-msg')!.textContent!.replace(/^[▸▾]/, '') })))

describe('the live logs in a real browser', () => {
  let session: WorkbenchSession

  beforeAll(async () => {
    session = await openWorkbench({ hash: '#/logs' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it("shows a request's log lines live, across the Python hop", async () => {
    const { page, app } = session
    // The page holds the lines logged before it opened...
    await page.waitForSelector('[data-log-seq][data-step="motia"]', DEADLINE)
    const traceId = await requestGreeting(app.url, 'Ada')
    // ...and the request's lines arrive over the live stream.
    await page.waitForSelector('[data-log-seq][data-step="DeliverGreeting"]', DEADLINE)
    // (The cron step may log in between: only this request's trace is compared.)
    const greeting = (await rows(page)).filter((row) => row.trace === traceId)
    expect(greeting).toEqual([
      { step: 'RequestGreeting', level: 'info', trace: traceId, msg: 'Greeting requested' },
      { step: 'ComposeGreeting', level: 'info', trace: traceId, msg: 'Greeting composed' },
      { step: 'DeliverGreeting', level: 'info', trace: traceId, msg: 'Delivered: Ahoy Ada! Welcome aboard, matey!' },
    ])
    // A click shows the fields the Python step logged with its message.
    await page.click('[data-log-seq][data-step="ComposeGreeting"] .log-msg')
    expect(JSON.parse((await page.locator('[data-log-fields]').textContent())!)).toEqual({ requestId: traceId, chars: expect.any(Number) })
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('logs') })
  }, TEST_TIMEOUT)

  it('filters by minimum level', async () => {
    const { page } = session
    expect((await rows(page)).some((row) => row.level === 'debug')).toBe(true)
    await page.selectOption('[data-filter="level"]', 'info')
    const summary = async () => {
      const shown = await rows(page)
      return { debug: shown.filter((row) => row.level === 'debug').length, composed: shown.some((row) => row.msg === 'Greeting composed') }
    }
    await expect.poll(summary, DEADLINE).toEqual({ debug: 0, composed: true })
    await page.selectOption('[data-filter="level"]', 'error')
    await page.waitForSelector('[data-log-count="0"]', DEADLINE)
    await page.selectOption('[data-filter="level"]', '')
  }, TEST_TIMEOUT)

  it('filters by step, and keeps filtering the lines that arrive live', async () => {
    const { page, app } = session
    // Typed, not yet applied, while new lines re-render the view: what was typed must survive.
    await page.fill('[data-filter="step"]', 'ComposeGreeting')
    const traceId = await requestGreeting(app.url, 'Grace')
    await page.waitForSelector(`[data-step="DeliverGreeting"] [data-trace-link="${traceId}"]`, DEADLINE)
    await page.press('[data-filter="step"]', 'Enter')
    // Ada's (the first test) and Grace's.
    await expect.poll(async () => (await rows(page)).map((row) => row.step), DEADLINE).toEqual(['ComposeGreeting', 'ComposeGreeting'])
    await requestGreeting(app.url, 'Hopper')
    await expect.poll(async () => (await rows(page)).map((row) => row.step), DEADLINE).toEqual(['ComposeGreeting', 'ComposeGreeting', 'ComposeGreeting'])
  }, TEST_TIMEOUT)

  it('filters by trace, and a trace link opens that trace', async () => {
    const { page, app } = session
    await page.fill('[data-filter="step"]', '')
    await page.press('[data-filter="step"]', 'Enter')
    const traceId = await requestGreeting(app.url, 'Linus')
    await page.fill('[data-filter="traceId"]', traceId)
    await page.press('[data-filter="traceId"]', 'Enter')
    await expect.poll(async () => (await rows(page)).map((row) => row.step), { timeout: 20_000 }).toEqual(['RequestGreeting', 'ComposeGreeting', 'DeliverGreeting'])
    await page.click(`[data-step="DeliverGreeting"] [data-trace-link="${traceId}"]`)
    await page.waitForURL(new RegExp(`#/traces/${traceId}$`))
    // Other views link to a trace's lines with `#/logs?traceId=`.
    await page.goto(`${app.url}/__motia/workbench#/logs?traceId=${traceId}`)
    await page.waitForSelector('[data-view="logs"]', DEADLINE)
    expect(await page.inputValue('[data-filter="traceId"]')).toBe(traceId)
    await expect.poll(async () => (await rows(page)).map((row) => row.step), { timeout: 20_000 }).toEqual(['RequestGreeting', 'ComposeGreeting', 'DeliverGreeting'])
  }, TEST_TIMEOUT)
})
