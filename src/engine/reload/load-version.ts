// One version of the project for `motia dev`: the files of the languages that changed are loaded again
// (by fresh language instances), the others keep what serves; a file that does not load keeps its
// previous version (settle-files.ts). Never throws for a step file's problem.
import type { StepProblem } from '../../errors.js'
import type { Language } from '../../languages/language.js'
import { duplicateNames, duplicateRoutes } from '../../project/duplicates.js'
import { loadFiles, projectFiles, sortByFile, toStep } from '../../project/load-project.js'
import { setLooseSchemasAside } from '../../project/loose-schemas.js'
import { relativePath } from '../../project/relative-path.js'
import type { Step } from '../../project/step.js'
import { validateStepConfigs } from '../../project/validate-config.js'
import { validateStreams } from '../../project/validate-streams.js'
import type { StreamDefinition } from '../../streams/stream-definition.js'
import { type FileCandidate, type FileVersion, settleFiles } from './settle-files.js'

export interface ProjectVersion {
  steps: Step[]
  streams: StreamDefinition[]
  /** What each file serves, by absolute path. */
  files: Map<string, FileVersion>
  /** Files that do not load now (relative paths), sorted by file. */
  problems: StepProblem[]
  /** Files whose new version serves (absolute paths). */
  freshFiles: Set<string>
}

export interface VersionRequest {
  root: string
  env: NodeJS.ProcessEnv
  strict: boolean
  /** Plugin step files (motia.config.ts). */
  extraFiles?: readonly string[]
  /** Fresh instances of the languages whose files load again; files of other languages keep `previous`. */
  loading: readonly Language[]
  /** Every language, to tell which one owns a file (the serving instances). */
  languages: readonly Language[]
  previous?: ProjectVersion
  /** The files just edited (absolute): blamed first for problems across files. */
  changed?: readonly string[]
  warn: (message: string) => void
}

/** Loads the files of `loading`'s languages, and settles each file's version (see settle-files.ts). */
export async function loadVersion(request: VersionRequest): Promise<ProjectVersion> {
  const { root, loading, previous } = request
  const files = await projectFiles(root, request.extraFiles)
  const loadingIds = new Set(loading.map((language) => language.id))
  const ownerOf = (file: string) => request.languages.find((language) => language.claims(file))?.id
  const toLoad = files.filter((file) => { const owner = ownerOf(file); return owner === undefined || loadingIds.has(owner) })
  const fresh = await freshVersions(root, toLoad, request)

  const candidates: FileCandidate[] = files.map((file) => {
    const owner = ownerOf(file)
    const before = previous?.files.get(file)
    if (owner !== undefined && !loadingIds.has(owner)) {
      // Not loaded again: it keeps its version, and its problems while it has no version.
      const kept = previous?.problems.filter((problem) => problem.filePath === relativePath(root, file)) ?? []
      return { file, problems: before ? [] : kept, previous: before }
    }
    const problems = fresh.problems.filter((problem) => problem.filePath === relativePath(root, file))
    const version = problems.length === 0 ? (fresh.versions.get(file) ?? { steps: [], streams: [] }) : undefined
    return { file, fresh: version, problems, previous: before, group: owner === 'python' ? 'python' : undefined }
  })
  const settled = settleFiles(candidates, root, new Set(request.changed))
  const ordered = files.filter((file) => settled.versions.has(file)).map((file) => settled.versions.get(file)!)
  return {
    steps: ordered.flatMap((version) => version.steps),
    streams: ordered.flatMap((version) => version.streams),
    files: settled.versions,
    problems: sortByFile(settled.problems, files, root),
    freshFiles: settled.freshFiles,
  }
}

// Loads `files` with the fresh languages; per-file rules (config, loose schemas, stream shape) are
// checked here, the rules across files by settleFiles.
async function freshVersions(root: string, files: string[], request: VersionRequest): Promise<{ versions: Map<string, FileVersion>; problems: StepProblem[] }> {
  const versions = new Map<string, FileVersion>()
  if (files.length === 0) return { versions, problems: [] }
  const { loaded, streamFiles, problems } = await loadFiles(root, files, request.loading, request.env)
  const defs = loaded.map((entry) => entry.def)
  const loose = setLooseSchemasAside(defs, root, request.strict)
  const streams = validateStreams(streamFiles, root)
  // Duplicates are settled across all files (settle-files.ts), where the edited file is the one blamed.
  const key = (problem: StepProblem) => `${problem.filePath}\0${problem.message}`
  const duplicates = new Set([...duplicateNames(defs, root), ...duplicateRoutes(defs, root)].map(key))
  const perFile = validateStepConfigs(defs, root).filter((problem) => !duplicates.has(key(problem)))
  problems.push(...loose.problems, ...perFile, ...streams.problems)
  for (const warning of loose.warnings) request.warn(warning)
  const versionOf = (file: string) => versions.get(file) ?? versions.set(file, { steps: [], streams: [] }).get(file)!
  for (const { def, language } of loaded) versionOf(def.filePath).steps.push(toStep(def, language, root))
  for (const stream of streams.streams) versionOf(stream.filePath).streams.push(stream)
  return { versions, problems }
}
