#!/usr/bin/env node
// Compiles src/ into dist/ (ESM JavaScript and .d.ts), what the package ships, with the step-config and
// draft-07 meta-schema validators precompiled (scripts/precompile-validators.js), bundles what
// `motia` loads at start into dist/bundle/ (scripts/bundle-core.js), and zod into dist/vendor/
// (scripts/bundle-zod.js).
//   node scripts/build.js             always, from a clean dist/
//   node scripts/build.js --if-stale  only the parts of dist/ that are missing or older than a file they are
//                                     built from (scripts/build-freshness.js): nothing when all are fresh
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isStale } from './build-freshness.js'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))

const ifStale = process.argv.includes('--if-stale')

if (!ifStale || isStale(repo, 'core')) {
  // Built aside, then swapped in: a `motia` started meanwhile finds either no dist/ (and runs src/) or
  // a whole one, and no output is left from deleted sources.
  const next = join(repo, 'dist.next')
  rmSync(next, { recursive: true, force: true })
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', next], { cwd: repo, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  const validators = spawnSync(process.execPath, [join(repo, 'scripts/precompile-validators.js'), next], { cwd: repo, stdio: 'inherit' })
  if (validators.status !== 0) process.exit(validators.status ?? 1)
  const bundle = spawnSync(process.execPath, [join(repo, 'scripts/bundle-core.js'), next], { cwd: repo, stdio: 'inherit' })
  if (bundle.status !== 0) process.exit(bundle.status ?? 1)
  const zod = spawnSync(process.execPath, [join(repo, 'scripts/bundle-zod.js'), next], { cwd: repo, stdio: 'inherit' })
  if (zod.status !== 0) process.exit(zod.status ?? 1)
  const testingCjs = spawnSync(process.execPath, [join(repo, 'scripts/build-testing-cjs.js'), next], { cwd: repo, stdio: 'inherit' })
  if (testingCjs.status !== 0) process.exit(testingCjs.status ?? 1)
  const workbench = spawnSync(process.execPath, [join(repo, 'scripts/build-workbench.js'), next], { cwd: repo, stdio: 'inherit' })
  if (workbench.status !== 0) process.exit(workbench.status ?? 1)
  declareMotiadevModules(next)
  // Two renames, the old tree deleted after: a `motia` starting meanwhile (a test, while another test's
  // `npm install` of this folder runs `prepare`) finds no dist/ only between them, not for a whole rm.
  const old = join(repo, 'dist.old')
  rmSync(old, { recursive: true, force: true })
  if (existsSync(join(repo, 'dist'))) renameSync(join(repo, 'dist'), old)
  renameSync(next, join(repo, 'dist'))
  rmSync(old, { recursive: true, force: true })
}

// `--if-stale` with only the Workbench's sources changed: rebuild its bundle in place.
if (ifStale && isStale(repo, 'workbench')) {
  const workbench = spawnSync(process.execPath, [join(repo, 'scripts/build-workbench.js'), join(repo, 'dist')], { cwd: repo, stdio: 'inherit' })
  if (workbench.status !== 0) process.exit(workbench.status ?? 1)
}

// The `@motiadev/*` modules v0.x projects import (types/motiadev-modules.d.ts) come with `motia`'s
// types: a reference that tsc would not keep in its own output.
function declareMotiadevModules(dist) {
  copyFileSync(join(repo, 'types/motiadev-modules.d.ts'), join(dist, 'motiadev-modules.d.ts'))
  const index = join(dist, 'index.d.ts')
  writeFileSync(index, `/// <reference path="./motiadev-modules.d.ts" />\n${readFileSync(index, 'utf8')}`)
}
