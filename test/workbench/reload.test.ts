// For test/workbench/reload.test.ts once hot reload is merged (it cannot pass on the wb-core branch alone).
// Edit a step file while `motia dev` runs: the Workbench shows the reload and the new version; a broken
// edit shows its problem in the banner while the previous version keeps serving; the fix clears it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, type WorkbenchSession } from './browser.js'

const DEADLINE = { timeout: 60_000 }
const STEP = 'steps/greetings/get-greeting.step.ts'

describe('reloads in the Workbench, in a real browser', () => {
  let session: WorkbenchSession
  let original: string

  beforeAll(async () => {
    session = await openWorkbench()
    original = readFileSync(join(session.dir, STEP), 'utf8')
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('shows the reload and the edited step', async () => {
    const { page, dir } = session
    await page.waitForSelector('[data-generation="0"]', DEADLINE)
    await page.waitForSelector('[data-node="GetGreeting"]', DEADLINE)
    writeFileSync(join(dir, STEP), original.replace("description: 'Reads a greeting by its request id'", "description: 'Reads one greeting, edited live'"))
    await page.waitForSelector('[data-toast="reloaded"]', DEADLINE)
    await page.waitForSelector('[data-generation="1"]', DEADLINE)
    // The flow graph refetched on the new generation.
    await expect.poll(() => page.locator('[data-node="GetGreeting"] .node-description').textContent(), DEADLINE).toBe('Reads one greeting, edited live')
  }, 120_000)

  it("shows a broken edit's problem while the previous version keeps serving, and clears it once fixed", async () => {
    const { page, dir, app } = session
    writeFileSync(join(dir, STEP), `${original}\nexport const broken = {\n`)
    const problem = await page.waitForSelector(`[data-problem="${STEP}"]`, DEADLINE)
    expect(await problem.textContent()).toMatch(new RegExp(`^${STEP.replace(/[.]/g, '\\.')}(:\\d+)? .+`))
    expect(await page.locator('[data-problems]').textContent()).toContain('keeps its previous version serving')
    // The previous GetGreeting still answers.
    const response = await fetch(`${app.url}/greetings/nobody`)
    expect([response.status, await response.json()]).toEqual([404, { error: 'No greeting nobody' }])
    writeFileSync(join(dir, STEP), original)
    await page.waitForSelector('[data-problems]', { state: 'detached', ...DEADLINE })
    await expect.poll(() => page.locator('[data-node="GetGreeting"] .node-description').textContent(), DEADLINE).toBe('Reads a greeting by its request id')
  }, 180_000)
})
