#!/usr/bin/env node
// The CommonJS entry of `motia/testing` (package.json `exports` condition `require`): jest with ts-jest
// compiles tests to CommonJS and, before Node 24.9, cannot require the ESM build. Only the test's side
// of the kit is bundled (the app runs in its worker thread from the ESM build), so the bundle is small.
//   node scripts/build-testing-cjs.js <dist folder>
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const dist = process.argv[2]
if (!dist) throw new Error('usage: build-testing-cjs.js <dist folder>')

await build({
  entryPoints: [join(dist, 'testing/index.js')],
  outfile: join(dist, 'testing/index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // The kit finds its worker beside dist/testing/index.js, as the ESM build does.
  define: { 'import.meta.url': '__motiaTestingUrl' },
  banner: { js: "const __motiaTestingUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'index.js')).href;" },
})
// The same declarations, read as CommonJS ones by TypeScript when the test file is CommonJS.
writeFileSync(join(dist, 'testing/index.d.cts'), "export * from './index.js'\n")
