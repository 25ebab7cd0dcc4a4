// The `motia dev` watcher: one batch per burst of edits, never the files it writes itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isConfigFile, type ProjectWatcher, watchProject } from '../../../src/engine/reload/watch-project.js'

describe('watchProject', () => {
  let watcher: ProjectWatcher | undefined
  let root = ''

  afterEach(async () => {
    await watcher?.close()
    watcher = undefined
    rmSync(root, { recursive: true, force: true })
  })

  it('batches a burst of edits, and skips generated files, the Workbench layout, node_modules and non-source files', async () => {
    root = mkdtempSync(join(tmpdir(), 'motia-watch-'))
    mkdirSync(join(root, 'steps'))
    mkdirSync(join(root, 'node_modules'))
    const batches: string[][] = []
    let wake: () => void = () => {}
    watcher = watchProject(
      root,
      async (files) => {
        batches.push(files.map((file) => file.slice(root.length + 1)).sort())
        wake()
      },
      (error) => {
        throw error
      },
    )
    await watcher.ready
    const next = () => new Promise<void>((resolve) => (wake = resolve))

    let batch = next()
    writeFileSync(join(root, 'types.d.ts'), '// generated\n')
    writeFileSync(join(root, 'motia_types.py'), '# generated\n')
    writeFileSync(join(root, 'node_modules/x.js'), '')
    writeFileSync(join(root, 'notes.md'), '')
    writeFileSync(join(root, 'motia-workbench.json'), '[]')
    writeFileSync(join(root, 'package-lock.json'), '{}')
    writeFileSync(join(root, 'steps/a.step.ts'), 'export {}\n')
    writeFileSync(join(root, 'steps/b_step.py'), '\n')
    writeFileSync(join(root, 'steps/a.step.ts'), 'export {} // saved again\n')
    await batch
    // One batch, unless the machine is so loaded that the burst's events come further apart than the debounce.
    while (batches.flat().length < 2) await (batch = next())
    expect([...new Set(batches.flat())].sort()).toEqual(['steps/a.step.ts', 'steps/b_step.py'])

    const seen = batches.length
    batch = next()
    rmSync(join(root, 'steps/b_step.py'))
    await batch
    expect(batches.slice(seen)).toEqual([['steps/b_step.py']])
  })

  it('tells motia.config.* at the root from other files', () => {
    expect(isConfigFile('/p', '/p/motia.config.ts')).toBe(true)
    expect(isConfigFile('/p', '/p/motia.config.mjs')).toBe(true)
    expect(isConfigFile('/p', '/p/steps/motia.config.ts')).toBe(false)
    expect(isConfigFile('/p', '/p/motia.config.json')).toBe(false)
  })
})
