// `@motiadev/core` and `@motiadev/plugin-*/plugin` as Motia v0.x projects import them (mostly in
// motia.config.ts), answered by our own modules although those packages are not installed.
import Module, { register } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { WORKBENCH_PLUGINS } from './workbench-plugins.js'

// Runs in Node's loader thread: a data: URL, so it needs no file of its own next to the build. The
// target goes on to the next hook (tsx's), which says how to load it.
const ESM_HOOKS = `
let aliases = {}
export function initialize(data) { aliases = data }
export function resolve(specifier, context, next) {
  return next(aliases[specifier] ?? specifier, context)
}`

let aliases: Record<string, string> | undefined
let esmRegistered = false

/** Installs the CommonJS alias (in this thread, at once). Safe to call twice. */
export function registerModuleAliases(): void {
  if (aliases) return
  // Resolved through tsx's hook, so the URLs name the `.ts` sources, or the `.js` build.
  aliases = { '@motiadev/core': import.meta.resolve('../index.js') }
  for (const name of WORKBENCH_PLUGINS) aliases[`@motiadev/plugin-${name}/plugin`] = import.meta.resolve(`./workbench-plugins/${name}.js`)
  registerCommonJsAliases(new Map(Object.entries(aliases).map(([request, url]) => [request, fileURLToPath(url)])))
}

/**
 * Installs the ESM resolve hook too, before the first user module imported as an ES module: on Node
 * 20 it starts Node's loader thread, which CommonJS user modules never need. Safe to call twice.
 */
export function registerEsmModuleAliases(): void {
  registerModuleAliases()
  if (esmRegistered) return
  esmRegistered = true
  register(`data:text/javascript,${encodeURIComponent(ESM_HOOKS)}`, { parentURL: pathToFileURL(process.cwd()).href, data: aliases })
}

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string
}

// CommonJS has no resolve hook: Node's file name resolution is wrapped instead.
function registerCommonJsAliases(fileNames: Map<string, string>): void {
  const internals = Module as unknown as ModuleInternals
  const resolveFilename = internals._resolveFilename
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return fileNames.get(request) ?? resolveFilename.call(this, request, ...rest)
  }
}
