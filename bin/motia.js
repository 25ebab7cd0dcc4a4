#!/usr/bin/env node
// The `motia` command. The core ships as TypeScript and runs through tsx's loaders, which also let
// user steps be plain `.ts` files with no build step. Both hooks: the CommonJS one is what lets steps
// load from projects whose package.json has no `"type": "module"` (most Motia v0.x projects).
import { register as registerEsm } from 'tsx/esm/api'
import { register as registerCjs } from 'tsx/cjs/api'

registerCjs()
registerEsm()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
