import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverStepFiles } from '../../src/project/discover.js'

let root: string

const files = [
  'steps/a.step.ts',
  'steps/b.step.js',
  'steps/c.step.mjs',
  'steps/d_step.ts',
  'steps/e_step.js',
  'steps/f_step.py',
  'steps/old.step.py',
  'steps/legacy.step.rb',
  'steps/legacy_step.rb',
  'steps/nested/deep/g.step.ts',
  'steps/pkg/__init__.py',
  'src/h.step.ts',
  // not steps:
  'steps/ui.step.tsx',
  'steps/ui_step.tsx',
  'steps/ui.step.jsx',
  'steps/helper.ts',
  'steps/types.d.ts',
  'steps/step.ts',
  'steps/node_modules/dep/x.step.ts',
  'steps/.hidden/y.step.ts',
  'steps/__pycache__/z_step.py',
  'other/o.step.ts',
  'o.step.ts',
]

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'motia-discover-'))
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true })
    await writeFile(join(root, file), '')
  }
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('discoverStepFiles', () => {
  it('finds step files under steps/ and src/, sorted, skipping UI files, dependencies and caches and *.step.py (the older naming of v0.x) too', async () => {
    const found = await discoverStepFiles(root)
    expect(found.map((file) => file.slice(root.length + 1))).toEqual([
      'src/h.step.ts',
      'steps/a.step.ts',
      'steps/b.step.js',
      'steps/c.step.mjs',
      'steps/d_step.ts',
      'steps/e_step.js',
      'steps/f_step.py',
      'steps/legacy.step.rb',
      'steps/legacy_step.rb',
      'steps/nested/deep/g.step.ts',
      'steps/old.step.py',
    ])
  })

  it('returns nothing for a project with neither steps/ nor src/', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'motia-discover-empty-'))
    try {
      expect(await discoverStepFiles(empty)).toEqual([])
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})

describe('discoverStepFiles and symbolic links', () => {
  it('takes a linked step file, and a linked folder once, so a link loop cannot hang discovery', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'motia-discover-links-'))
    try {
      await mkdir(join(dir, 'steps/nested'), { recursive: true })
      await mkdir(join(dir, 'shared'))
      await writeFile(join(dir, 'shared/real.step.ts'), '')
      await writeFile(join(dir, 'steps/own.step.ts'), '')
      await symlink(join(dir, 'shared/real.step.ts'), join(dir, 'steps/linked.step.ts'))
      await symlink(join(dir, 'steps'), join(dir, 'steps/nested/loop'))
      await mkdir(join(dir, 'team/orders'), { recursive: true })
      await writeFile(join(dir, 'team/orders/ship_step.py'), '')
      await symlink(join(dir, 'team'), join(dir, 'steps/team'))
      const found = await discoverStepFiles(dir)
      expect(found.map((file) => file.slice(dir.length + 1))).toEqual(['steps/linked.step.ts', 'steps/own.step.ts', 'steps/team/orders/ship_step.py'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('finds each step file once when steps/ is a link to src/ (or a file is linked twice)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'motia-discover-links-'))
    try {
      await mkdir(join(dir, 'src/orders'), { recursive: true })
      await writeFile(join(dir, 'src/orders/create.step.ts'), '')
      await symlink(join(dir, 'src/orders/create.step.ts'), join(dir, 'src/orders/again.step.ts'))
      await symlink(join(dir, 'src'), join(dir, 'steps'))
      const found = await discoverStepFiles(dir)
      expect(found.map((file) => file.slice(dir.length + 1))).toEqual(['src/orders/create.step.ts'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
