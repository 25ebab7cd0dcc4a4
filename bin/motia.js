#!/usr/bin/env node
// The `motia` command. The core runs as compiled JavaScript from dist/bundle/ (a few files: see
// scripts/bundle-core.js), loaded by Node itself. tsx's hooks, which let steps and motia.config.ts be
// plain `.ts` with no build step, serve user code only: they are registered just before the first user
// module is loaded (languages/user-modules.ts). The CommonJS hook runs in this thread; it is all that
// steps of a project without `"type": "module"` (most Motia v0.x projects) need. On Node 20 the ESM
// hooks run on a loader thread and every import after them goes through it, so they are registered
// only for ES module steps, after the engine has loaded, and a project of Python steps never starts them.
import module from 'node:module'
import { coreEntry } from './core-entry.js'

// Node >= 22.1 keeps the compiled code of the modules it loads on disk, for the next start.
module.enableCompileCache?.()

const SERVE_COMMANDS = new Set(['run', 'start', 'dev'])
// Commands that import step files without serving them.
const STEP_LOADING_COMMANDS = new Set([...SERVE_COMMANDS, 'generate', 'generate-types', 'check', 'contract'])

const core = coreEntry(new URL('..', import.meta.url))
const serving = SERVE_COMMANDS.has(process.argv[2] ?? '')
const loadsSteps = STEP_LOADING_COMMANDS.has(process.argv[2] ?? '')
// Loaded alongside the engine (its files are read while the engine's compile), registered later.
const tsxCommonJs = (core.source || loadsSteps) && import('tsx/cjs/api')
if (core.source) await Promise.all([registerCommonJs(), registerEsm()]) // a clone without a fresh build: the core itself is TypeScript
const [{ main }, userModules] = await Promise.all([
  import(core.cli),
  !core.source && loadsSteps && import(core.userModules),
  !core.source && serving && import(core.serve),
])
if (userModules) userModules.setUserModuleLoader({ commonJs: registerCommonJs, esm: registerEsm })
await main(process.argv)

async function registerCommonJs() {
  const { register } = await tsxCommonJs
  register()
}

async function registerEsm() {
  const { register } = await import('tsx/esm/api')
  register()
}
