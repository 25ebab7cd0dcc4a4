// One `motia dev` reload: the languages whose files changed load the project's files again with fresh
// instances (new Python runners, new TS module instances); what loads serves, what does not keeps its
// previous version. A TS change never restarts Python runners, a Python change never re-imports TS.
import { existsSync } from 'node:fs'
import { extname } from 'node:path'
import type { StepProblem } from '../../errors.js'
import type { Language } from '../../languages/language.js'
import { relativePath } from '../../project/relative-path.js'
import { loadVersion, type ProjectVersion } from './load-version.js'
import type { ReloadOutcome, ReloadTarget } from './reload-target.js'

const RETIRE_AFTER_MS = 1000
const NODE_FILE = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'])

/** Which languages load again for these changed files: TS/JS/JSON -> node, `.py` -> python. */
export function languagesFor(changed: readonly string[]): string[] {
  const ids = new Set<string>()
  for (const file of changed) {
    const extension = extname(file)
    if (NODE_FILE.has(extension)) ids.add('node')
    else if (extension === '.py') ids.add('python')
  }
  return [...ids]
}

export async function reloadProject(target: ReloadTarget, changed: readonly string[]): Promise<ReloadOutcome> {
  const started = performance.now()
  const ids = languagesFor(changed)
  const previous = target.version
  if (ids.length === 0) return { applied: false, problems: previous.problems, steps: previous.steps, streams: previous.streams }
  const fresh = target.newLanguages(ids)
  let version: ProjectVersion
  try {
    version = await loadVersion({ ...target.request(fresh), changed })
  } catch (error) {
    await closeAll(fresh)
    target.logger.error(`Could not reload the project: ${error instanceof Error ? error.message : String(error)}; the previous version keeps serving`)
    return { applied: false, problems: previous.problems, steps: previous.steps, streams: previous.streams }
  }
  const used = runtimesOf(version)
  try {
    target.apply(version)
  } catch (error) {
    // A route clash with the Workbench's or a plugin's routes: the router refused the whole set.
    await closeAll(fresh)
    const message = error instanceof Error ? error.message : String(error)
    const where = changed.map((file) => relativePath(target.root, file)).join(', ')
    target.logger.error(`Could not reload ${where}: ${message}; the previous version keeps serving`)
    target.devStatus.problems = [...previous.problems, ...changed.map((file) => ({ filePath: relativePath(target.root, file), message }))]
    return { applied: false, problems: target.devStatus.problems, steps: previous.steps, streams: previous.streams }
  }
  // Runtimes no step or stream uses any more: unused fresh ones close, replaced ones retire gracefully.
  const serving = new Set<Language>([...runtimesOf(previous), ...target.languages])
  await closeAll(fresh.filter((language) => !used.has(language)))
  const replaced = [...serving].filter((language) => !used.has(language) && !fresh.includes(language))
  // A moment later: a request routed to a replaced step just before the swap may still be reading its body.
  if (replaced.length > 0) setTimeout(() => replaced.forEach((language) => void retire(language, target)), RETIRE_AFTER_MS)
  target.adopt(target.languages.map((old) => fresh.find((language) => language.id === old.id && used.has(language)) ?? old))

  target.devStatus.generation++
  target.devStatus.reloadedAt = Date.now()
  target.devStatus.problems = version.problems
  logChanges(target, previous, version, changed, ids, Math.round(performance.now() - started))
  return { applied: true, problems: version.problems, steps: version.steps, streams: version.streams }
}

function runtimesOf(version: ProjectVersion): Set<Language> {
  return new Set<Language>([...version.steps.map((step) => step.runtime), ...version.streams.map((stream) => stream.runtime)])
}

async function retire(language: Language, target: ReloadTarget): Promise<void> {
  const retiring = language as Language & { retire?: () => Promise<void> }
  try {
    await (retiring.retire ? retiring.retire() : language.close())
  } catch (error) {
    target.logger.warn(`The replaced ${language.id} runtime did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function closeAll(languages: readonly Language[]): Promise<void> {
  await Promise.allSettled(languages.map((language) => language.close()))
}

// Info lines for what changed (Reloaded / Added / Removed), an error line per file that does not load.
function logChanges(target: ReloadTarget, previous: ProjectVersion, version: ProjectVersion, changed: readonly string[], ids: string[], ms: number): void {
  const { logger, root } = target
  const rel = (file: string) => relativePath(root, file)
  const names = (file: string, from: ProjectVersion) => {
    const entry = from.files.get(file)
    return [...(entry?.steps.map((step) => step.name) ?? []), ...(entry?.streams.map((stream) => stream.name) ?? [])].join(', ')
  }
  const retried = new Set(changed.map(rel))
  for (const file of version.freshFiles) retried.add(rel(file))
  for (const file of previous.files.keys()) if (ids.includes(ownerId(target, file))) retried.add(rel(file))
  const problemFiles = new Set(version.problems.map((problem) => problem.filePath))
  for (const problem of version.problems) {
    if (!retried.has(problem.filePath)) continue
    const served = [...previous.files.keys()].some((file) => rel(file) === problem.filePath)
    const keep = served ? 'the previous version keeps serving' : 'saving the fixed file loads it'
    const python = ownerIdOfRelative(target, problem.filePath) === 'python' && served ? ' (the previous Python runners keep serving every Python step)' : ''
    logger.error(`Could not reload ${describe(problem)}; ${keep}${python}`)
  }
  const moduleNames = new Set<string>()
  for (const file of version.freshFiles) {
    const before = previous.files.get(file)
    if (!before) logger.info(`Added ${rel(file)} (${names(file, version)})`)
    else if (changed.includes(file)) logger.info(`Reloaded ${rel(file)} (${names(file, version)}) in ${ms} ms`)
    else for (const name of names(file, version).split(', ')) if (name) moduleNames.add(name)
  }
  for (const file of previous.files.keys()) {
    if (!version.files.has(file) && !problemFiles.has(rel(file))) logger.info(`Removed ${rel(file)} (${names(file, previous)})`)
  }
  // A changed module that is no step file (lib/util.ts): the steps loaded again with it.
  for (const file of changed) {
    if (previous.files.has(file) || version.files.has(file) || problemFiles.has(rel(file)) || moduleNames.size === 0 || !existsSync(file)) continue
    logger.info(`Reloaded ${rel(file)} (${[...moduleNames].sort().join(', ')}) in ${ms} ms`)
  }
}

function ownerId(target: ReloadTarget, file: string): string {
  return target.languages.find((language) => language.claims(file))?.id ?? ''
}

function ownerIdOfRelative(target: ReloadTarget, relative: string): string {
  return ownerId(target, `${target.root}/${relative}`)
}

function describe(problem: StepProblem): string {
  return `${problem.filePath}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`
}
