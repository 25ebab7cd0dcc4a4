// Discover -> load per language -> validate -> Step and stream objects, or one StepConfigError listing every problem.
import { stat } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { MotiaError, StepConfigError, type StepProblem } from '../errors.js'
import type { Language } from '../languages/language.js'
import { isStreamFile, type StreamDefinition } from '../streams/stream-definition.js'
import { discoverStepFiles } from './discover.js'
import { setLooseSchemasAside } from './loose-schemas.js'
import { relativePath } from './relative-path.js'
import type { Step, StepDefinition } from './step.js'
import { validateStepConfigs } from './validate-config.js'
import { type LoadedStreamFile, validateStreams } from './validate-streams.js'

export interface LoadOptions {
  /** Refuse what is otherwise accepted with a warning (loose v0.x schemas). Default false. */
  strict?: boolean
  /** Receives start-up warnings; default: none are shown. */
  warn?: (message: string) => void
  /** Step files from outside `steps/` and `src/` (plugin steps of motia.config.ts), loaded after the project's. */
  extraFiles?: readonly string[]
}

/** The steps of the project at `root` (see `loadStepsAndStreams`; its stream files are checked too). */
export async function loadProject(root: string, languages: Language[], env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Promise<Step[]> {
  return (await loadStepsAndStreams(root, languages, env, options)).steps
}

/**
 * Loads every step and stream file of the project at `root`, then `extraFiles` (plugin steps). Each file
 * goes to the first language that claims it.
 * Throws StepConfigError with all problems of all files (never the first one only), or a
 * MotiaError `E_BAD_OPTION` when `root` is not a folder.
 */
export async function loadStepsAndStreams(
  root: string,
  languages: Language[],
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Promise<{ steps: Step[]; streams: StreamDefinition[] }> {
  const absoluteRoot = resolve(root)
  const files = await projectFiles(absoluteRoot, options.extraFiles)
  const { loaded, streamFiles, problems } = await loadFiles(absoluteRoot, files, languages, env)
  const streams = validateStreams(streamFiles, absoluteRoot)
  const defs = loaded.map((entry) => entry.def)
  const loose = setLooseSchemasAside(defs, absoluteRoot, options.strict ?? false)
  problems.push(...loose.problems, ...validateStepConfigs(defs, absoluteRoot), ...streams.problems)
  if (problems.length === 0) for (const warning of loose.warnings) options.warn?.(warning)
  if (problems.length > 0) throw new StepConfigError(sortByFile(problems, files, absoluteRoot))
  return { steps: loaded.map(({ def, language }) => toStep(def, language, absoluteRoot)), streams: streams.streams }
}

/** The step and stream files of the project at `root` (absolute), then `extraFiles` (plugin steps), each once. */
export async function projectFiles(root: string, extraFiles: readonly string[] = []): Promise<string[]> {
  await assertFolder(root)
  const discovered = await discoverStepFiles(root)
  return [...discovered, ...extraFiles.filter((file) => !discovered.includes(file))]
}

export interface LoadedFiles {
  loaded: { def: StepDefinition; language: Language }[]
  streamFiles: LoadedStreamFile[]
  /** Per file, paths relative to `root`. */
  problems: StepProblem[]
}

/** Reads `files` (absolute, under `root`), each with the first language that claims it; in the order given. */
export async function loadFiles(root: string, files: readonly string[], languages: readonly Language[], env: NodeJS.ProcessEnv): Promise<LoadedFiles> {
  const problems: StepProblem[] = []
  const filesByLanguage = new Map<Language, string[]>()
  for (const file of files) {
    const language = languages.find((candidate) => candidate.claims(file))
    if (!language) {
      problems.push({ filePath: relativePath(root, file), message: unclaimed(file, languages) })
      continue
    }
    filesByLanguage.set(language, [...(filesByLanguage.get(language) ?? []), file])
  }

  const loaded: LoadedFiles['loaded'] = []
  const streamFiles: LoadedStreamFile[] = []
  const results = await Promise.all([...filesByLanguage].map(async ([language, own]) => ({ language, result: await language.load(own, { root, env }) })))
  for (const { language, result } of results) {
    for (const problem of result.problems) problems.push({ ...problem, filePath: relativePath(root, problem.filePath) })
    for (const def of result.steps) loaded.push({ def, language })
    for (const def of result.streams ?? []) streamFiles.push({ def, runtime: language })
  }
  const order = new Map(files.map((file, index) => [file, index]))
  loaded.sort((a, b) => (order.get(a.def.filePath) ?? 0) - (order.get(b.def.filePath) ?? 0))
  streamFiles.sort((a, b) => (order.get(a.def.filePath) ?? 0) - (order.get(b.def.filePath) ?? 0))
  return { loaded, streamFiles, problems }
}

function unclaimed(file: string, languages: readonly Language[]): string {
  const kind = isStreamFile(file) ? 'stream' : 'step'
  if (extname(file) === '.rb') {
    return `Ruby ${kind}s are not supported: port the ${kind} to TypeScript or Python, or move the file out of steps/ and src/`
  }
  const enabled = languages.map((l) => l.id).join(', ') || 'none'
  return `no enabled language loads ${extname(file)} ${kind} files (enabled: ${enabled})`
}

export function toStep(def: StepDefinition, runtime: Language, root: string): Step {
  const emitTopics = new Set((def.config.emits ?? []).map((emit) => (typeof emit === 'string' ? emit : emit.topic)))
  return { ...def, name: def.config.name, type: def.config.type, relativePath: relativePath(root, def.filePath), emitTopics, runtime }
}

export function sortByFile(problems: StepProblem[], files: readonly string[], root: string): StepProblem[] {
  const order = new Map(files.map((file, index) => [relativePath(root, file), index]))
  return problems.sort((a, b) => (order.get(a.filePath) ?? files.length) - (order.get(b.filePath) ?? files.length))
}

async function assertFolder(root: string): Promise<void> {
  const info = await stat(root).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new MotiaError('E_BAD_OPTION', `Project root ${root} is not a folder: pass the folder that holds steps/ or src/`, { retryable: false })
  }
}
