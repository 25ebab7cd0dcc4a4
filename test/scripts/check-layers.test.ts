// scripts/check-layers.js (part of `npm run lint`) run as a real process on temp trees with one import each.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'

const SCRIPT = fileURLToPath(new URL('../../scripts/check-layers.js', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ADAPTERS_RULE = 'files under src/adapters/ must not import src/engine/: adapters store, lease and wake; the engine decides and hands its decisions to adapters as values (src/adapters/delivery-policy.ts).'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'motia-layers-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const checkLayers = (root: string) => execa(process.execPath, [SCRIPT, '--root', root], { reject: false })

describe('check-layers', () => {
  it('fails on an adapter that imports the engine, naming the file, the import and the rule', async () => {
    const root = tree({
      'src/engine/backoff.ts': 'export const DEFAULT = 1\n',
      'src/adapters/redis/queue.ts': "import { DEFAULT } from '../../engine/backoff.js'\nexport const x = DEFAULT\n",
    })
    const { exitCode, stderr } = await checkLayers(root)
    expect(exitCode).toBe(1)
    expect(stderr).toBe(`check-layers: src/adapters/redis/queue.ts imports '../../engine/backoff.js', but ${ADAPTERS_RULE}`)
  })

  it('catches type-only, re-exported and dynamic imports too', async () => {
    const root = tree({
      'src/engine/policy.ts': 'export type Policy = { a: 1 }\n',
      'src/adapters/a.ts': "import type { Policy } from '../engine/policy.js'\nexport type A = Policy\n",
      'src/adapters/b.ts': "export * from '../engine/policy.js'\n",
      'src/adapters/c.ts': "export const load = () => import('../engine/policy.js')\n",
    })
    const { exitCode, stderr } = await checkLayers(root)
    expect(exitCode).toBe(1)
    expect(stderr.split('\n').sort()).toEqual(['a', 'b', 'c'].map((name) => `check-layers: src/adapters/${name}.ts imports '../engine/policy.js', but ${ADAPTERS_RULE}`))
  })

  it('fails when code below the CLI imports it, and passes the engine importing adapters', async () => {
    const root = tree({
      'src/cli/main.ts': 'export const main = 1\n',
      'src/cli/dlq.ts': "import { main } from './main.js'\nexport const dlq = main\n",
      'src/engine/app.ts': "import { main } from '../cli/main.js'\nimport { store } from '../adapters/store.js'\nexport const app = [main, store]\n",
      'src/adapters/store.ts': 'export const store = 1\n',
    })
    const { exitCode, stderr } = await checkLayers(root)
    expect(exitCode).toBe(1)
    expect(stderr).toBe("check-layers: src/engine/app.ts imports '../cli/main.js', but files under src/ outside src/cli/ must not import src/cli/: the CLI is the top layer: nothing below it depends on it.")
  })

  it('passes on this repository', async () => {
    const { exitCode, stderr } = await checkLayers(ROOT)
    expect(stderr).toBe('')
    expect(exitCode).toBe(0)
  })
})
