// Step files and motia.config.* are the user's modules, and TypeScript needs tsx's loader hooks for
// them. bin/motia.js sets how to register those hooks, and they are registered just before the first
// user module is imported: on Node 20 the ESM hooks run on a loader thread that takes ~100 ms to
// start, and every import after them pays a round trip to it; a project of Python steps never needs it.
// Modules of the core wanted by then (the Python transport of a mixed project) load first, without
// those round trips.

let register: (() => Promise<void>) | undefined
let registered: Promise<void> | undefined
const coreImports: Promise<unknown>[] = []

/** Called once by bin/motia.js, before the app starts. */
export function setUserModuleLoader(registerHooks: () => Promise<void>): void {
  register = registerHooks
}

/** A core import under way that should finish before the hooks are registered; its failure is its owner's to report. */
export function loadBeforeUserModules(importing: Promise<unknown>): void {
  if (registered === undefined) coreImports.push(importing)
}

/** Resolves once user modules can be imported; at once when no loader was set (tests, a run of src/ through tsx). */
export function userModulesReady(): Promise<void> {
  registered ??= register === undefined ? Promise.resolve() : Promise.allSettled(coreImports).then(register)
  return registered
}
