#!/usr/bin/env node
// Bundles what `motia` loads at start (the CLI, the engine, the user-module seam) from a built dist/
// into a few ESM files under dist/bundle/, which bin/motia.js imports: Node resolves, reads and
// compiles ~50 files instead of ~300 (ajv alone is ~70). Lazy `import()`s stay lazy as split chunks.
// The per-file dist/ stays as it is: the package's exports (`motia`, `motia/testing`), its typings and
// the aliases `@motiadev/*` point there. Run by scripts/build.js after tsc and the precompiled validators.
//   node scripts/bundle-core.js <dist folder>
import { readFile } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { build } from 'esbuild'

const dist = resolve(process.argv[2] ?? '')
if (!process.argv[2]) throw new Error('usage: bundle-core.js <dist folder>')

const ENTRIES = ['cli/main', 'cli/serve', 'languages/user-modules']

// Pure-JavaScript packages of many files on the start path, bundled with what they import: the core's
// (ajv, find-my-way, commander) and, in their lazy chunk, those of a project's Python runners (execa and
// its ~20 packages). Every other package stays external: native ones (better-sqlite3), ones a step
// shares with the engine (zod), and ones loaded late or never (BullMQ, tsx, OpenTelemetry, ws, msgpackr).
const BUNDLED_PACKAGES = new Set(['ajv', 'ajv-formats', 'find-my-way', 'commander', 'execa'])

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

const result = await build({
  entryPoints: ENTRIES.map((entry) => join(dist, `${entry}.js`)),
  outdir: join(dist, 'bundle'),
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  metafile: true,
  // Bundled CommonJS code (Ajv) requires Node's modules and external packages: give it a real `require`.
  banner: { js: "import { createRequire as __motiaCreateRequire } from 'node:module'; const require = __motiaCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: 'motia-core',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
          if (path.startsWith('node:')) return { path, external: true }
          // A bundled package's own dependencies come with it.
          if (importer.includes(`${sep}node_modules${sep}`)) return undefined
          return BUNDLED_PACKAGES.has(packageName(path)) ? undefined : { path, external: true }
        })
        builder.onLoad({ filter: /\.js$/ }, async ({ path }) => {
          if (!path.startsWith(dist + sep)) return undefined
          return { contents: atOriginalPlace(await readFile(path, 'utf8'), relative(dist, path)), loader: 'js' }
        })
      },
    },
  ],
})

// Paths the core finds from its own module (templates, the runner, precompiled validators, the Workbench
// UI) stay those of its per-file place in dist/: dist/bundle/ is as deep as dist/cli/, so
// `../cli/main.js` from a bundle file is that place.
function atOriginalPlace(source, fileInDist) {
  const here = `new URL(${JSON.stringify(`../${fileInDist.split(sep).join('/')}`)}, import.meta.url)`
  const rewritten = source
    // `require` made by createRequire: left free, esbuild bundles what it requires (the same Ajv copy
    // as the rest, lazily) and the banner's `require` serves the external rest.
    .replace(/^const require = createRequire\(import\.meta\.url\);?$/m, '')
    .replaceAll('import.meta.resolve(', `((specifier) => new URL(specifier, ${here}).href)(`)
    .replaceAll('import.meta.url', `${here}.href`)
  const left = /import\.meta\.(?!url\b)\w+/.exec(rewritten)
  if (left) throw new Error(`bundle-core: ${fileInDist} uses ${left[0]}, which the bundle does not map to dist/${fileInDist}`)
  return rewritten
}

const files = Object.keys(result.metafile.outputs).length
console.log(`bundle-core: ${Object.keys(result.metafile.inputs).length} modules into ${files} files under ${relative(process.cwd(), join(dist, 'bundle')) || '.'}`)
