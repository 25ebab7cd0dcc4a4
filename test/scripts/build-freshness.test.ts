// scripts/build-freshness.js (what `node scripts/build.js --if-stale` rebuilds) run as a real process on temp
// trees whose inputs and outputs carry set modification times.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'

const SCRIPT = fileURLToPath(new URL('../../scripts/build-freshness.js', import.meta.url))
const INPUTS = [
  'src/index.ts',
  'src/engine/run.ts',
  'types/motiadev-modules.d.ts',
  'package.json',
  'tsconfig.build.json',
  'scripts/bundle-core.js',
  'workbench/src/main.tsx',
  'scripts/build-workbench.js',
]
const OUTPUTS = ['dist/cli/main.js', 'dist/workbench-ui/index.html']
const BUILT_AT = new Date('2026-01-01T10:00:00Z')
const EDITED_AT = new Date('2026-01-01T11:00:00Z')
const WRITTEN_AT = new Date('2026-01-01T09:00:00Z')

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A tree with every input written (files and folders) before its outputs were built. */
function builtTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'motia-freshness-'))
  roots.push(root)
  for (const path of [...INPUTS, ...OUTPUTS]) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), '')
  }
  for (const path of [...INPUTS, 'src/engine', 'src', 'types', 'scripts', 'workbench/src', 'workbench']) touch(root, path, WRITTEN_AT)
  for (const path of OUTPUTS) touch(root, path, BUILT_AT)
  return root
}

const touch = (root: string, path: string, at: Date) => utimesSync(join(root, path), at, at)

async function staleParts(root: string): Promise<string[]> {
  const { stdout, exitCode } = await execa(process.execPath, [SCRIPT, '--root', root])
  expect(exitCode).toBe(0)
  return stdout.split('\n').filter(Boolean)
}

describe('build-freshness', () => {
  it('finds nothing stale when every output is newer than every input', async () => {
    expect(await staleParts(builtTree())).toEqual([])
  })

  it('finds both parts stale when dist/ is missing', async () => {
    const root = builtTree()
    rmSync(join(root, 'dist'), { recursive: true })
    expect(await staleParts(root)).toEqual(['core', 'workbench'])
  })

  it.each([
    ['a file deep under src/', 'src/engine/run.ts'],
    ['a declaration under types/', 'types/motiadev-modules.d.ts'],
    ['package.json', 'package.json'],
    ['the build tsconfig', 'tsconfig.build.json'],
    ['a build script', 'scripts/bundle-core.js'],
  ])('finds the core stale, and only it, after an edit of %s', async (_what, path) => {
    const root = builtTree()
    touch(root, path, EDITED_AT)
    expect(await staleParts(root)).toEqual(['core'])
  })

  it('finds the core stale when a file under src/ was deleted (its folder is newer)', async () => {
    const root = builtTree()
    rmSync(join(root, 'src/engine/run.ts'))
    touch(root, 'src/engine', EDITED_AT)
    expect(await staleParts(root)).toEqual(['core'])
  })

  it.each([
    ['a file under workbench/', 'workbench/src/main.tsx'],
    ['its build script', 'scripts/build-workbench.js'],
  ])('finds the Workbench stale, and only it, after an edit of %s', async (_what, path) => {
    const root = builtTree()
    touch(root, path, EDITED_AT)
    expect(await staleParts(root)).toEqual(['workbench'])
  })
})
