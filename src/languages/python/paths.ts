// Where the bundled Python pieces live, relative to this package (PROTOCOL.md §6 "Start").
import { fileURLToPath } from 'node:url'
import path from 'node:path'

/** The root of the `motia` npm package (the folder holding package.json). */
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** The runner entry point the core starts: `<python> -u <packageRoot>/runners/python/runner.py`. */
export const runnerScript = path.join(packageRoot, 'runners', 'python', 'runner.py')

/** The folder holding the bundled Python package `motia`, put on PYTHONPATH after the project root. */
export const bundledPythonDir = path.join(packageRoot, 'python')
