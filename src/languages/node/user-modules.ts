// Step files and motia.config.* are the user's modules, and TypeScript needs tsx's loader hooks for
// them. bin/motia.js sets how to register those hooks, and they are registered just before the first
// user module is imported: on Node 20 the ESM hooks run on a loader thread that takes ~100 ms to
// start, and every import after them pays a round trip to it; a project of Python steps never needs it.

let register: (() => Promise<void>) | undefined
let registered: Promise<void> | undefined

/** Called once by bin/motia.js, before the app starts. */
export function setUserModuleLoader(registerHooks: () => Promise<void>): void {
  register = registerHooks
}

/** Resolves once user modules can be imported; at once when no loader was set (tests, a run of src/ through tsx). */
export function userModulesReady(): Promise<void> {
  registered ??= register?.() ?? Promise.resolve()
  return registered
}
