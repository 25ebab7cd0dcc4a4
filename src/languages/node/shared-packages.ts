// zod is what nearly every TypeScript step imports. `.ts` steps load in this thread (import-step.ts) and
// get zod's CommonJS build; a step that must be imported as an ES module (top-level await, `.js`/`.mjs`
// ES modules) starts Node 20's loader thread first. When the project resolves zod to the same install
// as motia, zod's ES build is imported just before that, so that its ~100 files skip a round trip each
// to the loader thread: the step's own `import 'zod'` then finds it loaded. A project with another zod
// (a Motia v0.x project on zod 3) or none preloads nothing, nor does a CommonJS project.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { preloadBeforeEsmHooks } from '../user-modules.js'
import { packageTypeAt } from './module-format.js'

const SHARED = ['zod'] as const

export function preloadSharedPackages(root: string): void {
  if (packageTypeAt(root) === 'commonjs') return
  for (const name of SHARED) preloadBeforeEsmHooks(async () => sameInstall(name, root) && (await import(name)))
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
