// The modules that find the interpreter and run the runners (execa, msgpackr and the rest), imported
// once, on demand: a project without Python steps never loads them, and one with Python steps starts
// loading them as soon as its first Python file is claimed, before tsx's hooks slow every import down.
import { loadBeforeUserModules } from '../user-modules.js'
import type { findPython, namedPython } from './interpreter.js'
import type { RunnerPool } from './runner-pool.js'

export interface PythonTransport {
  findPython: typeof findPython
  namedPython: typeof namedPython
  RunnerPool: typeof RunnerPool
}

let loading: Promise<PythonTransport> | undefined

export function loadTransport(): Promise<PythonTransport> {
  loading ??= Promise.all([import('./interpreter.js'), import('./runner-pool.js')]).then(([interpreter, pool]) => ({
    findPython: interpreter.findPython,
    namedPython: interpreter.namedPython,
    RunnerPool: pool.RunnerPool,
  }))
  return loading
}

/** Starts loading without waiting; a failure is reported by the `loadTransport()` that waits for it. */
export function prefetchTransport(): void {
  const loading = loadTransport()
  loading.catch(() => undefined)
  loadBeforeUserModules(loading)
}
