#!/usr/bin/env node
// The `motia` command. The core runs as compiled JavaScript from dist/, loaded by Node itself; tsx's
// hooks are registered after it, for user code only, so that steps and motia.config.ts can be plain
// `.ts` with no build step. Every import made after registering goes through tsx's loader thread, so
// the engine is imported first: this halves the start-up time. Both hooks: the CommonJS one lets
// steps load from projects whose package.json has no `"type": "module"` (most Motia v0.x projects).
import { coreEntry } from './core-entry.js'

const SERVE_COMMANDS = new Set(['run', 'start', 'dev'])

const core = coreEntry(new URL('..', import.meta.url))
const loadingTsx = Promise.all([import('tsx/cjs/api'), import('tsx/esm/api')])
if (core.source) await registerTsx() // a clone without a fresh build: the core itself is TypeScript
const [{ main }] = await Promise.all([import(core.cli), !core.source && SERVE_COMMANDS.has(process.argv[2] ?? '') && import(core.serve)])
if (!core.source) await registerTsx()
await main(process.argv)

async function registerTsx() {
  const [{ register: registerCjs }, { register: registerEsm }] = await loadingTsx
  registerCjs()
  registerEsm()
}
