// Step files and motia.config.* are the user's modules, and TypeScript needs tsx's loader hooks for
// them. bin/motia.js sets how to register those hooks, and they are registered just before the first
// user module that needs them is loaded:
// - CommonJS user modules (a project without `"type": "module"`, most Motia v0.x projects) need only
//   tsx's CommonJS hook, which runs in this thread; so do `.ts` ES modules, which it turns into
//   CommonJS (node/import-step.ts);
// - other ES modules (top-level await, `.js`/`.mjs`) need tsx's ESM hooks too. On Node 20 those run
//   on a loader thread that takes a few hundred milliseconds to start, and every import after them
//   pays a round trip to it; a project of Python steps or of TypeScript steps never starts it.
// What the core starts before them (in a mixed project, the Python transport's import and the runners'
// spawn) goes first: user modules load in this thread, and the runners then boot alongside them.
import type { ModuleFormat } from './node/module-format.js'

export interface UserModuleHooks {
  commonJs(): Promise<void>
  esm(): Promise<void>
}

let hooks: UserModuleHooks | undefined
let commonJsRegistered: Promise<void> | undefined
let esmRegistered: Promise<void> | undefined
const coreImports: Promise<unknown>[] = []
const preloads: (() => Promise<unknown>)[] = []

/** Called once by bin/motia.js, before the app starts. */
export function setUserModuleLoader(registerHooks: UserModuleHooks): void {
  hooks = registerHooks
}

/**
 * Whether `require` in this thread serves TypeScript ES modules: once bin/motia.js set the loader,
 * tsx's CommonJS hook turns them into CommonJS (import-step.ts). Not in a run of src/ or in tests.
 */
export function typeScriptRequirable(): boolean {
  return hooks !== undefined
}

/** A core import or start under way that should finish before user modules load; its failure is its owner's to report. */
export function loadBeforeUserModules(importing: Promise<unknown>): void {
  if (esmRegistered === undefined) coreImports.push(importing)
}

/**
 * Resolves once what the core started before user modules (loadBeforeUserModules: the Python transport,
 * the Python runners' spawn) has settled, including what was added meanwhile: user modules load in
 * this thread, and would hold those back until all of them had loaded.
 */
export async function coreStartsSettled(): Promise<void> {
  for (let seen = -1; seen !== coreImports.length; ) {
    seen = coreImports.length
    await Promise.allSettled(coreImports)
  }
}

/**
 * An import to run just before the ESM hooks are registered, so that it does not pay their round trips;
 * never run when no user module needs them (its failure is left for the user module's own import).
 */
export function preloadBeforeEsmHooks(load: () => Promise<unknown>): void {
  if (esmRegistered === undefined) preloads.push(load)
}

/**
 * Resolves once user modules of that format can be loaded (`require` for CommonJS, `import()` for ES
 * modules); at once when no loader was set (tests, a run of src/ through tsx, which registers both).
 */
export function userModulesReady(format: ModuleFormat): Promise<void> {
  commonJsRegistered ??= hooks === undefined ? Promise.resolve() : hooks.commonJs()
  if (format === 'commonjs') return commonJsRegistered
  esmRegistered ??= hooks === undefined ? Promise.resolve() : Promise.all([commonJsRegistered, Promise.allSettled([...coreImports, ...preloads.map((load) => load())])]).then(() => hooks!.esm())
  return esmRegistered
}
