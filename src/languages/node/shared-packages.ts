// zod is what nearly every TypeScript step imports. When the project resolves it to the same install
// as motia, importing it here, before tsx's hooks are registered, spares its ~150 files a round trip
// each to the loader thread (Node 20): the steps' own `import 'zod'` then finds it loaded. A project
// with another zod (a Motia v0.x project on zod 3) or none loads nothing here, nor does a CommonJS
// project: its steps are required in this thread and get zod's CommonJS build.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { loadBeforeUserModules } from '../user-modules.js'
import { packageTypeAt } from './module-format.js'

const SHARED = ['zod'] as const

export function preloadSharedPackages(root: string): void {
  if (packageTypeAt(root) === 'commonjs') return
  for (const name of SHARED) {
    if (!sameInstall(name, root)) continue
    const loading = import(name)
    loading.catch(() => undefined)
    loadBeforeUserModules(loading)
  }
}

function sameInstall(name: string, root: string): boolean {
  const own = packageDir(createRequire(import.meta.url), name)
  return own !== undefined && own === packageDir(createRequire(join(root, 'package.json')), name)
}

function packageDir(require: NodeJS.Require, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}
