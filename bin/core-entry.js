// Which build of the core to run. The published package has only dist/. A clone has src/ too: there
// dist/ is used while it is at least as new as every file under src/, and src/ (through tsx) when it
// is missing or stale, so that editing src/ and running the tests never needs a build step.
import { readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The CLI module, the engine's entry (`serve`) and the seam that registers tsx for user modules, to
 * import given the package root's URL; `source` when they are TypeScript.
 */
export function coreEntry(packageRoot) {
  const root = fileURLToPath(packageRoot)
  const built = join(root, 'dist/cli/main.js')
  const builtAt = modifiedAt(built)
  const source = join(root, 'src')
  const useSource = builtAt === undefined || (modifiedAt(source) !== undefined && newestUnder(source) > builtAt)
  // The build bundles the three into dist/bundle/ under their file names (scripts/bundle-core.js).
  const module = (name) => new URL(useSource ? `src/${name}.ts` : `dist/bundle/${basename(name)}.js`, packageRoot).href
  return { cli: module('cli/main'), serve: module('cli/serve'), userModules: module('languages/user-modules'), source: useSource }
}

export function modifiedAt(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs
}

/** The newest modification time of `dir` and everything under it. */
export function newestUnder(dir) {
  let newest = modifiedAt(dir) ?? 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, modifiedAt(join(entry.parentPath ?? entry.path, entry.name)) ?? 0)
  }
  return newest
}
