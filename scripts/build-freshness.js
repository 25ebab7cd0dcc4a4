// Which parts of a built dist/ are older than what they are built from, for `node scripts/build.js --if-stale`
// (run by `npm test` after `npm install`'s `prepare` has built, and by vitest's global setup): a part is
// stale when any of its inputs, or a folder holding them (a deleted file), is newer than its output.
import { statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { modifiedAt, newestUnder } from '../bin/core-entry.js'

/** Each part of the build: the file it writes last-ish (its mtime dates the part) and what it is built from. */
export const BUILD_PARTS = {
  // tsc, the precompiled validators, the start bundle, motia/testing's CommonJS entry, the @motiadev typings.
  core: {
    output: 'dist/cli/main.js',
    inputs: [
      'src',
      'types',
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'bin/core-entry.js',
      'scripts/build.js',
      'scripts/build-freshness.js',
      'scripts/precompile-validators.js',
      'scripts/bundle-core.js',
      'scripts/bundle-zod.js',
      'scripts/build-testing-cjs.js',
    ],
  },
  workbench: {
    output: 'dist/workbench-ui/index.html',
    inputs: ['workbench', 'scripts/build-workbench.js'],
  },
}

/** The newest mtime among `inputs` (paths from `repo`; folders with everything under them), 0 when none exists. */
export function newestInput(repo, inputs) {
  let newest = 0
  for (const input of inputs) {
    const path = join(repo, input)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat) newest = Math.max(newest, stat.isDirectory() ? newestUnder(path) : stat.mtimeMs)
  }
  return newest
}

/** Whether `part` of `repo`'s dist/ is missing or older than one of its inputs. */
export function isStale(repo, part) {
  const { output, inputs } = BUILD_PARTS[part]
  const builtAt = modifiedAt(join(repo, output))
  return builtAt === undefined || newestInput(repo, inputs) > builtAt
}

// `node scripts/build-freshness.js [--root <dir>]` prints the stale parts, one a line (for tests and a look).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const at = process.argv.indexOf('--root')
  const repo = at === -1 ? dirname(dirname(fileURLToPath(import.meta.url))) : resolve(process.argv[at + 1] ?? '')
  for (const part of Object.keys(BUILD_PARTS)) if (isStale(repo, part)) console.log(part)
}
