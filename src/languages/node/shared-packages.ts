// zod is what nearly every TypeScript step imports, and its builds are ~95 files each.
// - Steps required in this thread (CommonJS, and `.ts` ES modules: import-step.ts) get zod's CommonJS
//   build. When the zod they resolve is the version the build bundled into one file (dist/vendor/, by
//   scripts/bundle-zod.js), `require('zod')` gets that file: one read and one compile instead of ~95
//   files resolved, read and scanned by tsx's CommonJS hook. zod is made to live in several copies
//   (its registry is on globalThis, `instanceof` checks traits), so code that requires a subpath of
//   zod, or imports its ES build, still agrees with schemas from the bundle.
// - A step imported as an ES module (top-level await, `.js`/`.mjs`) starts Node 20's loader thread.
//   When the project resolves zod to the same install as motia, zod's ES build is imported just before
//   that, so that its files skip a round trip each to the loader thread.
import { readFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { preloadBeforeEsmHooks, typeScriptRequirable } from '../user-modules.js'
import { packageTypeAt } from './module-format.js'

export function shareZod(root: string): void {
  if (typeScriptRequirable()) requireBundledZod()
  if (packageTypeAt(root) === 'commonjs') return
  preloadBeforeEsmHooks(async () => sameInstall('zod', root) && (await import('zod')))
}

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string
}

const VENDOR = new URL('../../vendor/', import.meta.url)
let redirected = false

// CommonJS has no resolve hook: Node's file name resolution is wrapped, as for module-aliases.ts.
function requireBundledZod(): void {
  if (redirected) return
  redirected = true
  const bundled = versionIn(new URL('zod.json', VENDOR))
  if (bundled === undefined) return // a build without the bundle
  const bundle = fileURLToPath(new URL('zod.cjs.bundle', VENDOR))
  const internals = Module as unknown as ModuleInternals
  const resolveFilename = internals._resolveFilename
  const answers = new Map<string, string>()
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    const resolved = resolveFilename.call(this, request, ...rest)
    if (request !== 'zod') return resolved
    let answer = answers.get(resolved)
    if (answer === undefined) {
      answer = versionIn(join(dirname(resolved), 'package.json')) === bundled ? bundle : resolved
      answers.set(resolved, answer)
    }
    return answer
  }
}

function versionIn(packageJson: URL | string): string | undefined {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version
  } catch {
    return undefined
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
