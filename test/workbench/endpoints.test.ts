// The endpoint tester in a real browser, against `motia dev` on a copy of the example app: the API steps
// from the OpenAPI document, a body pre-filled from the step's schema, real requests to the app's routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture } from '../helpers/motia-process.js'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

describe('the endpoint tester in a real browser', () => {
  let session: WorkbenchSession

  beforeAll(async () => {
    session = await openWorkbench({ hash: '#/endpoints' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('lists the API steps with their summary and flows', async () => {
    const { page } = session
    await page.waitForSelector('[data-endpoint="POST /greetings"]', { timeout: 30_000 })
    const ids = await page.locator('[data-endpoint]').evaluateAll((items) => items.map((item) => item.getAttribute('data-endpoint')))
    expect(ids).toEqual(['POST /greetings', 'GET /greetings/{id}'])
    const post = page.locator('[data-endpoint="POST /greetings"]')
    expect(await post.locator('.ep-summary').textContent()).toBe('Accepts a greeting request and hands it to the Python writer')
    expect(await post.locator('[data-flow]').allTextContents()).toEqual(['greetings'])

    // The selection is in the URL, and a link opens an endpoint.
    await page.click('[data-endpoint="GET /greetings/{id}"]')
    expect(new URL(page.url()).hash).toBe(`#/endpoints/${encodeURIComponent('GET /greetings/{id}')}`)
    await page.evaluate(`location.hash = '#/endpoints/${encodeURIComponent('POST /greetings')}'`)
    await page.waitForSelector('[data-request="POST /greetings"]')
  }, 60_000)

  it('pre-fills the body from the schema, refuses a body that is not JSON, sends it, then reads the greeting back by its id', async () => {
    const { page } = session
    await page.click('[data-endpoint="POST /greetings"]')
    const editor = page.locator('[data-body-editor]')
    await expect.poll(async () => JSON.parse(await editor.inputValue()), { timeout: 15_000 }).toEqual({ name: 'string', tone: 'warm' })
    const schema = JSON.parse((await page.locator('[data-body-schema]').textContent()) ?? '{}') as { properties: { tone: { enum: string[] } } }
    expect(schema.properties.tone.enum).toEqual(['warm', 'formal', 'pirate'])

    await editor.fill('{"name": "Ada", "tone": ')
    await page.waitForSelector('[data-body-error]')
    expect(await page.locator('[data-body-error]').textContent()).toMatch(/^The body is not valid JSON: /)
    expect(await page.locator('[data-send]').isDisabled()).toBe(true)

    await editor.fill(JSON.stringify({ name: 'Ada', tone: 'pirate' }, null, 2))
    await page.click('[data-send]')
    await page.waitForSelector('[data-response-status="202"]', { timeout: 30_000 })
    const accepted = JSON.parse((await page.locator('[data-response-body]').textContent()) ?? '{}') as { traceId: string; status: string }
    expect(accepted).toEqual({ traceId: expect.any(String), status: 'accepted' })
    expect(await page.locator('[data-response-headers] th').allTextContents()).toContain('content-type')
    expect(await page.locator('[data-response-duration]').textContent()).toMatch(/^\d+\.\d ms$/)
    expect(await page.locator('[data-trace-link]').getAttribute('href')).toBe(`#/traces/${accepted.traceId}`)
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('endpoints') })

    await page.click('[data-endpoint="GET /greetings/{id}"]')
    expect(await page.locator('[data-send]').isDisabled()).toBe(true) // the path parameter is required
    await page.fill('[data-path-param="id"]', accepted.traceId)
    // The greeting is stored once the Python step and the delivery ran: 404 until then.
    await expect
      .poll(
        async () => {
          await page.click('[data-send]')
          await page.waitForSelector('[data-send]:not([disabled])')
          return page.locator('[data-response-status]').getAttribute('data-response-status')
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('200')
    const greeting = JSON.parse((await page.locator('[data-response-body]').textContent()) ?? '{}') as Record<string, unknown>
    expect(greeting).toMatchObject({ name: 'Ada', status: 'delivered' })
    expect(greeting.text).toContain('Ada')

    // The POST's trace link (checked above) opens its waterfall: the Python hop and the queue waits.
    await page.goto(`${session.app.url}/__motia/workbench#/traces/${accepted.traceId}`)
    const python = page.locator('[data-span-kind="handler"][data-language="python"]')
    await python.first().waitFor({ timeout: 30_000 })
    expect(await python.first().textContent()).toContain('ComposeGreeting')
    await expect.poll(() => page.locator('[data-span-kind="queue"]').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    expect(await page.locator('[data-span-kind="queue"]').first().textContent()).toMatch(/waited /)
  }, 120_000)
})

describe('the endpoint tester with path, query and header inputs', () => {
  let session: WorkbenchSession

  beforeAll(async () => {
    session = await openWorkbench({ dir: copyFixture('endpoint-tester'), hash: '#/endpoints' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('sends what was typed in each input to the step, and shows its answer', async () => {
    const { page } = session
    await page.click('[data-endpoint="PUT /echo/{id}"]', { timeout: 30_000 })
    const editor = page.locator('[data-body-editor]')
    await expect.poll(async () => JSON.parse(await editor.inputValue()), { timeout: 15_000 }).toEqual({ email: 'user@example.com', plan: 'free', seats: 1 })
    expect(await page.getAttribute('[data-query-param="verbose"]', 'placeholder')).toBe('say more')
    await page.fill('[data-path-param="id"]', 'a b/c')
    await page.fill('[data-query-param="verbose"]', 'yes')
    await page.click('[data-add-header]')
    await page.fill('[data-header-name="1"]', 'x-demo')
    await page.fill('[data-header-value="1"]', 'from the tester')
    await page.click('[data-send]')
    await page.waitForSelector('[data-response-status="200"]', { timeout: 30_000 })
    expect(JSON.parse((await page.locator('[data-response-body]').textContent()) ?? '{}')).toEqual({
      id: 'a b/c',
      query: { verbose: 'yes' },
      demo: 'from the tester',
      body: { email: 'user@example.com', plan: 'free', seats: 1 },
    })
  }, 120_000)
})
