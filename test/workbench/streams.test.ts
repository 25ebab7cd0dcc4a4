// The streams viewer against a fixture app with a TypeScript and a Python stream: writes from a TS step
// and a Python step show up, and new items appear in the open group without a click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture } from '../helpers/motia-process.js'
import { openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

const WAIT = { timeout: 30_000 }

describe('the streams viewer in a real browser', () => {
  let session: WorkbenchSession
  // The fixture's routes run ctx.streams.<stream>.<op> in a TS step (/ts/...) or a Python step (/py/...).
  const write = async (language: 'ts' | 'py', stream: string, group: string, id: string, data: unknown) => {
    const response = await fetch(`${session.app.url}/${language}/${stream}/${encodeURIComponent(group)}/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, data }),
    })
    expect(response.status).toBe(200)
  }

  beforeAll(async () => {
    session = await openWorkbench({ dir: copyFixture('streams'), hash: '#/streams' })
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('shows a TypeScript write, then a Python one, and new items live', async () => {
    const { page } = session
    await write('ts', 'messages', 'room 1/a', 'm1', { text: 'hello from TypeScript', author: 'ts' })
    await write('py', 'notes', 'desk', 'n1', { body: 'hello from Python' })

    await page.click('[data-stream="messages"]', WAIT)
    await page.click('[data-stream-group="room 1/a"]', WAIT)
    const item = page.locator('[data-stream-item="m1"] [data-json="item"]')
    await expect.poll(() => item.textContent(), WAIT).toContain('"text": "hello from TypeScript"')
    expect(JSON.parse((await item.textContent())!)).toEqual({ text: 'hello from TypeScript', author: 'ts', id: 'm1' })
    expect(new URL(page.url()).hash).toBe('#/streams/messages/room%201%2Fa')

    // Polled: the new item shows up in the open group.
    await write('ts', 'messages', 'room 1/a', 'm2', { text: 'and another' })
    await page.locator('[data-stream-item="m2"]').waitFor(WAIT)
    expect(await page.locator('[data-stream-item]').evaluateAll((items) => items.map((node) => node.getAttribute('data-stream-item')))).toEqual(['m1', 'm2'])

    await page.click('[data-stream="notes"]')
    await expect.poll(() => page.locator('[data-stream="notes"] [data-group-count]').textContent(), WAIT).toBe('1')
    await page.click('[data-stream-group="desk"]', WAIT)
    const note = page.locator('[data-stream-item="n1"] [data-json="item"]')
    await expect.poll(() => note.textContent(), WAIT).toContain('hello from Python')
    expect(JSON.parse((await note.textContent())!)).toEqual({ body: 'hello from Python', id: 'n1' })
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('streams') })
  }, 90_000)

  it('answers the viewer\'s endpoints from the app: groups per stream, 404 for an unknown one', async () => {
    const streams = (await (await fetch(`${session.app.url}/__motia/streams`)).json()) as { name: string; groups: number }[]
    expect(streams).toEqual(expect.arrayContaining([{ name: 'messages', groups: 1 }, { name: 'notes', groups: 1 }]))
    expect(await (await fetch(`${session.app.url}/__motia/streams/notes`)).json()).toEqual(['desk'])
    const unknown = await fetch(`${session.app.url}/__motia/streams/nope`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^No stream "nope"\. Streams: /)
  })
})
