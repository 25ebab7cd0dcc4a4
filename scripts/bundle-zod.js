#!/usr/bin/env node
// zod's CommonJS build as one file, dist/vendor/zod.cjs.bundle, with the version it was made from
// (dist/vendor/zod.json): `require('zod')` from a step loads ~95 files one by one, each resolved, read
// and scanned by tsx's CommonJS hook; languages/node/shared-packages.ts serves this file instead when
// the zod a step would load is that version. The extension is one no hook claims: Node compiles it as
// plain CommonJS. Run by scripts/build.js.
//   node scripts/bundle-zod.js <dist folder>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'

const dist = process.argv[2]
if (!dist) throw new Error('usage: bundle-zod.js <dist folder>')

const require = createRequire(import.meta.url)
const entry = require.resolve('zod')
const { version } = JSON.parse(readFileSync(join(dirname(require.resolve('zod/package.json')), 'package.json'), 'utf8'))
mkdirSync(join(dist, 'vendor'), { recursive: true })
await build({
  entryPoints: [entry],
  outfile: join(dist, 'vendor/zod.cjs.bundle'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
})
writeFileSync(join(dist, 'vendor/zod.json'), `${JSON.stringify({ version })}\n`)
