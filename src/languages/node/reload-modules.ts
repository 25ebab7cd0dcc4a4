// A reloaded step file must see its edited imports too: `?motia-reload=N` on the step file alone would
// leave `lib/util.ts` as first imported. A resolve hook (on Node's loader thread, after tsx's) carries
// the step file's `motia-reload` query to the project files it imports, and from them onwards; files
// under node_modules and outside the project keep their one instance. In a CommonJS project (no
// `"type": "module"`, most Motia v0.x projects) Node loads those files through the CommonJS cache,
// which ignores the query: the project's entries are dropped from it before each reload.
// ESM never frees a module: each reload keeps the previous instances of the project's TS/JS graph in
// memory (the leak per reload is the size of that graph), which a `motia dev` session can afford.
import { createRequire, register } from 'node:module'
import { sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const HOOKS = `
let roots = []
export function initialize(data) { roots = data.roots }
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  const generation = /[?&]motia-reload=(\\d+)/.exec(context.parentURL ?? '')?.[1]
  const url = resolved.url
  if (!generation || url.includes('?') || url.includes('/node_modules/') || !roots.some((root) => url.startsWith(root))) return resolved
  return { ...resolved, url: url + '?motia-reload=' + generation }
}
`

const registered = new Set<string>()

const moduleCache = createRequire(import.meta.url).cache

/** Called before each reload's imports: the project's modules (at `root`) load again from their files. */
export function reloadProjectModules(root: string): void {
  for (const file of Object.keys(moduleCache)) {
    if (file.startsWith(root + sep) && !file.includes(`${sep}node_modules${sep}`)) delete moduleCache[file]
  }
  const prefix = `${pathToFileURL(root).href}/`
  if (registered.has(prefix)) return
  registered.add(prefix)
  // One hook per root: a process serves one project, tests may load a few.
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { parentURL: prefix, data: { roots: [prefix] } })
}
