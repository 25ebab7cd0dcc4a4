#!/usr/bin/env node
// `npm run lint`: every check at once (each is one single-threaded process, tsc the longest), so on two
// cores the lint takes about as long as tsc alone instead of the sum. Each check's output is printed
// whole, in the order below, once all are done; exits 1 naming the checks that failed.
import { execa } from 'execa'

const CHECKS = [
  ['tsc', ['tsc', '--noEmit']],
  ['workbench tsc', ['tsc', '-p', 'workbench/tsconfig.json']],
  ['biome', ['biome', 'lint']],
  ['import cycles', ['dpdm', '--no-warning', '--no-tree', '--no-progress', '-T', '--exit-code', 'circular:1', 'src/**/*.ts', 'bin/*.js']],
  ['layers', ['node', 'scripts/check-layers.js']],
  ['ruff + mypy', ['node', 'scripts/lint-python.js']],
]

const repo = new URL('..', import.meta.url)
const runs = CHECKS.map(([name, [command, ...args]]) => ({
  name,
  // Tools from node_modules/.bin (execa's preferLocal), run from the repo's root as npm scripts are.
  result: execa(command, args, { cwd: repo, preferLocal: true, reject: false, all: true }),
}))

const failed = []
for (const { name, result } of runs) {
  const { exitCode, all, failed: didFail } = await result
  if (all) console.log(all)
  if (didFail) failed.push(`${name} (exit ${exitCode ?? 'by signal'})`)
}
if (failed.length > 0) {
  console.error(`lint: failed: ${failed.join(', ')}`)
  process.exit(1)
}
