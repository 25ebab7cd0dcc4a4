// motia-workbench.json is read and written in Motia v0.x's format, keeping what a save does not change.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFlowLayout, FlowLayouts, WorkbenchFileError } from '../../src/workbench/flow-positions.js'

const project = () => mkdtempSync(join(tmpdir(), 'motia-layouts-'))

describe('FlowLayouts', () => {
  it('reads nothing when the file is missing, then writes v0.x entries with 2-space JSON', async () => {
    const root = project()
    const layouts = new FlowLayouts(root)
    expect(await layouts.read('tiny')).toEqual({})
    await layouts.save('tiny', { 'steps/a.step.ts': { x: 10, y: 20 } })
    expect(readFileSync(join(root, 'motia-workbench.json'), 'utf8')).toBe(
      '[\n  {\n    "id": "tiny",\n    "config": {\n      "steps/a.step.ts": {\n        "x": 10,\n        "y": 20\n      }\n    }\n  }\n]\n',
    )
    expect(await layouts.read('tiny')).toEqual({ 'steps/a.step.ts': { x: 10, y: 20 } })
    // No temp file left beside it.
    expect(readdirSync(root)).toEqual(['motia-workbench.json'])
  })

  it('keeps other flows, unknown keys and the nodes a save does not name', async () => {
    const root = project()
    const file = join(root, 'motia-workbench.json')
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'other', config: { 'steps/o.step.ts': { x: 1, y: 2 } }, note: 'kept' },
        { id: 'tiny', config: { 'steps/a.step.ts': { x: 0, y: 0, sourceHandlePosition: 'right' }, 'steps/b.step.ts': { x: 5, y: 5 } } },
      ]),
    )
    await new FlowLayouts(root).save('tiny', { 'steps/a.step.ts': { x: 42, y: 7, sourceHandlePosition: 'bottom' } })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { id: 'other', config: { 'steps/o.step.ts': { x: 1, y: 2 } }, note: 'kept' },
      { id: 'tiny', config: { 'steps/a.step.ts': { x: 42, y: 7, sourceHandlePosition: 'bottom' }, 'steps/b.step.ts': { x: 5, y: 5 } } },
    ])
  })

  it('runs concurrent saves one after the other, so none is lost', async () => {
    const root = project()
    const layouts = new FlowLayouts(root)
    await Promise.all([1, 2, 3, 4, 5].map((n) => layouts.save('tiny', { [`steps/${n}.step.ts`]: { x: n, y: n } })))
    expect(Object.keys(await layouts.read('tiny')).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `steps/${n}.step.ts`))
  })

  it('leaves a file it cannot read untouched, and says how to fix it', async () => {
    const root = project()
    const file = join(root, 'motia-workbench.json')
    writeFileSync(file, '{ not json')
    const layouts = new FlowLayouts(root)
    await expect(layouts.save('tiny', { 'a.step.ts': { x: 1, y: 1 } })).rejects.toThrow(WorkbenchFileError)
    await expect(layouts.read('tiny')).rejects.toThrow(/^motia-workbench.json is not valid JSON \(.+\): fix it or delete it to save node positions again\.$/)
    writeFileSync(file, '{"id":"tiny"}')
    await expect(layouts.read('tiny')).rejects.toThrow(
      'motia-workbench.json must be a list of `{ "id": "<flow>", "config": { ... } }`, as Motia v0.x writes it: fix it or delete it to save node positions again.',
    )
    expect(readFileSync(file, 'utf8')).toBe('{"id":"tiny"}')
  })
})

describe('checkFlowLayout', () => {
  const shape = 'Send `{ "<step file path>": { "x": number, "y": number, "sourceHandlePosition"?: string } }` with `Content-Type: application/json`.'
  it.each([
    [[1], `Invalid layout: expected an object of node positions. ${shape}`],
    [{ 'a.step.ts': 3 }, `Invalid position for "a.step.ts": expected an object. ${shape}`],
    [{ 'a.step.ts': { x: '1', y: 2 } }, `Invalid position for "a.step.ts": \`x\` and \`y\` must be finite numbers. ${shape}`],
    [{ 'a.step.ts': { x: 1, y: 2, sourceHandlePosition: 4 } }, `Invalid position for "a.step.ts": \`sourceHandlePosition\` must be a string. ${shape}`],
  ])('refuses %j', (body, message) => {
    expect(checkFlowLayout(body)).toBe(message)
  })

  it('accepts positions with a handle side', () => {
    const body = { 'a.step.ts': { x: -1.5, y: 2, sourceHandlePosition: 'right' } }
    expect(checkFlowLayout(body)).toBe(body)
  })
})
