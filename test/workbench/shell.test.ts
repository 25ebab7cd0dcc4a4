// The Workbench is served by `motia dev` from the package's built assets, and `/` leads to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, type WorkbenchSession } from './browser.js'

describe('the Workbench shell in a real browser', () => {
  let session: WorkbenchSession

  beforeAll(async () => {
    session = await openWorkbench()
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('serves the page and its bundle, with a tab per view', async () => {
    const { page } = session
    await page.waitForSelector('[data-tab="flows"]')
    const tabs = await page.locator('nav [data-tab]').evaluateAll((links) => links.map((link) => link.getAttribute('data-tab')))
    expect(tabs).toEqual(['flows', 'endpoints', 'logs', 'traces', 'state', 'streams', 'dead-letters'])
    await page.click('[data-tab="logs"]')
    await page.waitForURL(/#\/logs$/)
    expect(new URL(page.url()).hash).toBe('#/logs')
  })

  it('redirects `/` to the Workbench when no step claims it, and keeps the assets same-origin', async () => {
    const response = await fetch(`${session.app.url}/`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/__motia/workbench')
    const script = await fetch(`${session.app.url}/__motia/workbench/assets/app.js`)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetch(`${session.app.url}/__motia/workbench/assets/..%2F..%2Fpackage.json`)).status).toBe(404)
  })
})
