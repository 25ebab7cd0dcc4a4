// Imports a step module in this process; a failure becomes a StepProblem that names the file and line.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { registerEsmModuleAliases } from '../../config/module-aliases.js'
import { DEFAULT_IMPORT_TIMEOUT_MS } from '../../defaults.js'
import type { StepProblem } from '../../errors.js'
import { typeScriptRequirable, userModulesReady } from '../user-modules.js'
import { moduleFormatOf } from './module-format.js'

export type ImportResult = { module: Record<string, unknown> } | { problem: StepProblem }

/**
 * `generation` > 0 re-imports a file already loaded (a query string makes it a new module instance).
 * An import still running after `timeoutMs` is reported as a problem: an import cannot be cancelled,
 * but startup must not wait forever (or, when nothing else keeps node alive, exit 13 without a word).
 */
export async function importStep(filePath: string, generation = 0, timeoutMs = DEFAULT_IMPORT_TIMEOUT_MS): Promise<ImportResult> {
  const url = pathToFileURL(filePath).href + (generation > 0 ? `?motia-reload=${generation}` : '')
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<ImportResult>((resolve) => {
    timer = setTimeout(() => {
      const message = `importing the module did not finish within ${timeoutMs / 1000} s: does its top-level code \`await\` something that never settles (a connection, a promise nobody resolves)?`
      resolve({ problem: { filePath, message } })
    }, timeoutMs)
  })
  try {
    const required = loadsInThread(filePath) ? await requireInThread(filePath, generation) : undefined
    if (required) return required
    await userModulesReady('module')
    registerEsmModuleAliases()
    return await Promise.race([import(url).then((module) => ({ module: module as Record<string, unknown> })), timedOut])
  } catch (error) {
    const line = lineOf(error, filePath) ?? syntaxErrorLine(error, filePath)
    return { problem: { filePath, message: `could not be imported: ${reason(error, filePath)}`, line } }
  } finally {
    clearTimeout(timer)
  }
}

// CommonJS steps, and `.ts` ES-module steps: tsx's CommonJS hook turns those into CommonJS as it loads
// them, keeping `import.meta.url`/`dirname`/`filename` and `.js` specifiers of `.ts` siblings. Either
// way they load in this thread, without Node 20's loader thread (150-250 ms at start, and a round trip
// per module). ES modules that CommonJS cannot express (top-level await) are imported after all.
function loadsInThread(filePath: string): boolean {
  return moduleFormatOf(filePath) === 'commonjs' || (filePath.endsWith('.ts') && typeScriptRequirable())
}

// A step is required as tsx would have loaded it behind `import()`. A reload finds it and the project's
// modules gone from the require cache (reload-modules.ts). Undefined when it is an ES module after all:
// it needs top-level await, or Node ran it as one (ES syntax in a `.js` file that no tsx hook turned
// into CommonJS), whose cached instance a reload must not reuse: then it is imported. Modules it
// required before the one that needs ESM stay loaded, and are imported again as ES modules.
async function requireInThread(filePath: string, generation: number): Promise<{ module: Record<string, unknown> } | undefined> {
  await userModulesReady('commonjs')
  let module: Record<string, unknown>
  try {
    module = createRequire(filePath)(filePath) as Record<string, unknown>
  } catch (error) {
    if (needsEsm(error)) return undefined
    throw error
  }
  return generation > 0 && Object.prototype.toString.call(module) === '[object Module]' ? undefined : { module }
}

/** The failure of `require` for a module that loads only as an ES module. */
export function needsEsm(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM' || /top-level await/i.test(String(message))
}

/** Why a module failed to load, in one line, and the line of `filePath` it points at when known. */
export function describeImportError(error: unknown, filePath: string): { message: string; line?: number } {
  return { message: reason(error, filePath), line: lineOf(error, filePath) ?? syntaxErrorLine(error, filePath) }
}

// The first informative line, without the banners and `file:line:col` prefixes that esbuild (tsx)
// and Vite put before the actual error, and without terminal colours.
function reason(error: unknown, filePath: string): string {
  if (!(error instanceof Error)) return String(error)
  const message = stripAnsi(error.message).replace(BANNER, '')
  const first = message.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? message
  const text = first
    .replace(/^\S+:\d+:\d+: (?:ERROR: )?/, '')
    .replace(/^\[[A-Z_]+\] /, '')
    .replace(` imported from ${filePath}`, '')
  const hint = (error as { code?: string }).code === 'ERR_REQUIRE_CYCLE_MODULE' ? HINT_TYPELESS : ''
  const name = /^(?:Syntax|Type|Reference|Range)Error$/.test(error.name) ? `${error.name}: ` : ''
  return `${name}${text}${hint}`
}

const BANNER = /^\s*(?:Parse failure: )?(?:Parse|Transform) failed with \d+ errors?:\s*/

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

const HINT_TYPELESS =
  ' (the package has no "type": "module" and only tsx\'s ESM hook is registered: register tsx\'s CommonJS hook too, e.g. `node --import tsx`)'

/** The line in `filePath` the error points at: bundler locations first, then stack frames. */
function lineOf(error: unknown, filePath: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const e = error as { loc?: { line?: unknown }; errors?: { location?: { line?: unknown } }[]; stack?: unknown; message?: unknown }
  if (typeof e.loc?.line === 'number') return e.loc.line
  const located = e.errors?.[0]?.location?.line
  if (typeof located === 'number') return located
  const text = stripAnsi(`${String(e.message ?? '')}\n${String(e.stack ?? '')}`)
  // A reloaded module's URL carries `?motia-reload=N` before the line.
  for (const prefix of [pathToFileURL(filePath).href, filePath]) {
    const match = new RegExp(`${escapeRegExp(prefix)}(?:\\?[^:\\s]*)?:(\\d+)`).exec(text)
    if (match) return Number(match[1])
  }
  // Vite names the file relative to its root: `test/x/a.step.ts:4:21` or `/test/x/a.step.ts:4:0`.
  for (const match of text.matchAll(/([^\s[\]()'"]+):(\d+):\d+/g)) {
    const candidate = match[1]!.replace(/^\//, '').replace(/\?.*$/, '')
    if (candidate.includes('/') && filePath.endsWith(`/${candidate}`)) return Number(match[2])
  }
  return undefined
}

// Node reports a syntax error in an imported plain-JS module without its location (it only prints it
// for the entry module), so on that failure path only, ask `node --check` where it is.
function syntaxErrorLine(error: unknown, filePath: string): number | undefined {
  if (!(error instanceof SyntaxError) || !/\.[cm]?js$/.test(filePath)) return undefined
  const check = spawnSync(process.execPath, ['--check', filePath], { encoding: 'utf8', timeout: 10_000 })
  const match = new RegExp(`^${escapeRegExp(filePath)}:(\\d+)`).exec(check.stderr ?? '')
  return match ? Number(match[1]) : undefined
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
