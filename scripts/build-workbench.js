#!/usr/bin/env node
// Bundles the Workbench UI (workbench/src, Preact) into <dist>/workbench-ui: index.html and hashed-free
// assets under assets/, served by `motia dev` at /__motia/workbench. No CDN: everything is in the package.
//   node scripts/build-workbench.js <dist>
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const out = join(process.argv[2] ?? join(repo, 'dist'), 'workbench-ui')
rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, 'assets'), { recursive: true })

await build({
  entryPoints: { app: join(repo, 'workbench/src/main.tsx') },
  outdir: join(out, 'assets'),
  bundle: true,
  // Views load heavy parts (the graph layout) on demand, as separate chunks.
  splitting: true,
  format: 'esm',
  minify: true,
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
})

writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Motia Workbench</title>
    <link rel="stylesheet" href="/__motia/workbench/assets/app.css" />
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/__motia/workbench/assets/app.js"></script>
  </body>
</html>
`,
)
