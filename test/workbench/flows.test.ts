// The flow graph in a real browser, on a copy of the example app: a node per step, edges by topic,
// positions saved to motia-workbench.json by dragging, and read back from it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyExampleApp, openWorkbench, screenshotPath, type WorkbenchSession } from './browser.js'

interface FlowsAnswer {
  id: string
  steps: { name: string; type: string; language: string }[]
  edges: { id: string; data: { variant: string } }[]
}

const DEADLINE = { timeout: 60_000 }

async function nodesOf(page: Page, flowId: string): Promise<{ name: string; type: string; language: string }[]> {
  await page.waitForSelector(`[data-flow="${flowId}"][data-placed="true"]`, DEADLINE)
  return page.locator(`[data-flow="${flowId}"] [data-node]`).evaluateAll((nodes) =>
    nodes.map((node) => ({ name: node.getAttribute('data-node')!, type: node.getAttribute('data-type')!, language: node.getAttribute('data-language')! })),
  )
}

async function positionOf(page: Page, name: string): Promise<{ x: number; y: number }> {
  const node = page.locator(`[data-node="${name}"]`)
  return { x: Number(await node.getAttribute('data-x')), y: Number(await node.getAttribute('data-y')) }
}

describe('the flow graph in a real browser', () => {
  let session: WorkbenchSession
  let flows: FlowsAnswer[]

  beforeAll(async () => {
    const dir = copyExampleApp()
    // A Motia v0.x custom node beside the noop step: drawn in the default style, with a note.
    writeFileSync(join(dir, 'steps/greetings/start.step.tsx'), 'export default function Visitor() {\n  return null\n}\n')
    session = await openWorkbench({ dir })
    flows = (await (await fetch(`${session.app.url}/__motia/flows`)).json()) as FlowsAnswer[]
  }, 120_000)

  afterAll(async () => {
    await session?.close()
  })

  it('draws a node per step of each flow, typed, with its language, and an edge per topic link', async () => {
    const { page } = session
    expect(flows.map((flow) => flow.id)).toEqual(['greetings'])
    for (const flow of flows) {
      await page.selectOption('[data-flow-select]', flow.id)
      const nodes = await nodesOf(page, flow.id)
      expect(nodes.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        flow.steps.map(({ name, type, language }) => ({ name, type, language })).sort((a, b) => a.name.localeCompare(b.name)),
      )
      const edges = await page.locator(`[data-flow="${flow.id}"] [data-edge]`).evaluateAll((paths) => paths.map((path) => [path.getAttribute('data-edge'), path.getAttribute('data-variant')]))
      expect(edges.sort()).toEqual(flow.edges.map((edge) => [edge.id, edge.data.variant]).sort())
    }
    expect(await nodesOf(page, 'greetings')).toHaveLength(6)
    expect(await page.locator('[data-node="Visitor"]').getAttribute('data-type')).toBe('noop')
    expect(await page.locator('[data-node="ComposeGreeting"]').getAttribute('data-language')).toBe('python')
    expect(await page.locator('[data-edge="Visitor->RequestGreeting:greeting.http:virtual"]').getAttribute('data-variant')).toBe('virtual')
    expect(await page.locator('[data-edge-label="RequestGreeting->ComposeGreeting:greeting.requested"]').textContent()).toBe('greeting.requested')
    if (process.env.MOTIA_SCREENSHOTS === '1') await page.screenshot({ path: screenshotPath('flows') })
  })

  it('marks a node that has a *.step.tsx custom component as drawn in the default style, and says why', async () => {
    const { page } = session
    const visitor = page.locator('[data-node="Visitor"]')
    expect(await visitor.getAttribute('data-custom-node')).toBe('steps/greetings/start.step.tsx')
    const note = visitor.locator('[data-custom-note]')
    expect(await note.textContent()).toBe('custom node not rendered')
    expect(await note.getAttribute('title')).toBe(
      'steps/greetings/start.step.tsx draws this node in Motia v0.x. The Workbench does not run custom node components (they are React code built for v0.x\'s UI), so it shows the default node.',
    )
    expect(await page.locator('[data-node="DeliverGreeting"]').getAttribute('data-custom-node')).toBeNull()
  })

  it('saves a dragged node to motia-workbench.json, and draws it there after a page reload', async () => {
    const { page, dir } = session
    await nodesOf(page, 'greetings')
    const before = await positionOf(page, 'DeliverGreeting')
    const box = (await page.locator('[data-node="DeliverGreeting"] .node-name').boundingBox())!
    await page.mouse.move(box.x + 5, box.y + 5)
    await page.mouse.down()
    await page.mouse.move(box.x + 105, box.y + 45, { steps: 5 })
    await page.mouse.move(box.x + 305, box.y + 65, { steps: 5 })
    await page.mouse.up()
    const after = await positionOf(page, 'DeliverGreeting')
    expect(after).not.toEqual(before)

    const key = 'steps/greetings/deliver-greeting.step.ts'
    const saved = () => {
      try {
        return (JSON.parse(readFileSync(join(dir, 'motia-workbench.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[]).find((entry) => entry.id === 'greetings')?.config[key]
      } catch {
        return undefined
      }
    }
    await expect.poll(saved, { timeout: 30_000 }).toEqual(after)

    await page.reload()
    await nodesOf(page, 'greetings')
    expect(await positionOf(page, 'DeliverGreeting')).toEqual(after)
  })
})
