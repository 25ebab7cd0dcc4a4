// `motia dev` picks, file by file, the version of the project that serves: the one just loaded when it
// is sound, else the one serving before (a broken edit), else nothing (a file that never loaded).
import { topicConflictsOf } from '../../contract/topic-conflicts.js'
import type { StepProblem } from '../../errors.js'
import { relativePath } from '../../project/relative-path.js'
import type { Step } from '../../project/step.js'
import { duplicateNames, duplicateRoutes } from '../../project/duplicates.js'
import type { StreamDefinition } from '../../streams/stream-definition.js'

/** What one file contributes to the running app. */
export interface FileVersion {
  steps: Step[]
  streams: StreamDefinition[]
}

export interface FileCandidate {
  /** Absolute path. */
  file: string
  /** Loaded now, without a problem of its own. */
  fresh?: FileVersion
  /** Why the file did not load now (then `fresh` is absent). */
  problems: StepProblem[]
  /** What serves now. */
  previous?: FileVersion
  /** Files of one group swap together or not at all (Python: one runner pool holds them all). */
  group?: string
}

export interface Settled {
  /** The version that serves, by file; files without one are absent. */
  versions: Map<string, FileVersion>
  /** Files that serve their previous version or nothing, and why. */
  problems: StepProblem[]
  /** Files whose fresh version serves. */
  freshFiles: Set<string>
}

/**
 * Picks each file's version so that the whole is sound: cross-file rules (duplicate names and routes,
 * topic contradictions, stream names) are checked on the mix, and the fresh files they blame fall back.
 * `changed`: the files just edited (absolute), blamed first: the files beside them served fine before.
 */
export function settleFiles(candidates: readonly FileCandidate[], root: string, changed: ReadonlySet<string> = new Set()): Settled {
  const useFresh = new Set(candidates.filter((c) => c.fresh !== undefined).map((c) => c.file))
  const problems = candidates.flatMap((c) => c.problems)
  const byRelative = new Map(candidates.map((c) => [relativePath(root, c.file), c]))
  // The later of two duplicates is blamed: the edited files come last.
  const ordered = [...candidates.filter((c) => !changed.has(c.file)), ...candidates.filter((c) => changed.has(c.file))]
  for (;;) {
    const found = crossFileProblems([...chosenVersions(ordered, useFresh).values()], root)
    let reverted = found.length > 0 ? revertBlamed(found, byRelative, useFresh, changed, problems) : false
    reverted = revertBrokenGroups(candidates, useFresh) || reverted
    if (!reverted) return { versions: chosenVersions(candidates, useFresh), problems: distinct(problems), freshFiles: useFresh }
  }
}

function chosenVersions(candidates: readonly FileCandidate[], useFresh: ReadonlySet<string>): Map<string, FileVersion> {
  const versions = new Map<string, FileVersion>()
  for (const candidate of candidates) {
    const version = useFresh.has(candidate.file) ? candidate.fresh : candidate.previous
    if (version) versions.set(candidate.file, version)
  }
  return versions
}

// A problem blames a file. When the edited files serve fresh versions, the problem is theirs (filed under
// them) unless it blames one of them; else the fresh file it blames falls back.
function revertBlamed(found: StepProblem[], byRelative: Map<string, FileCandidate>, useFresh: Set<string>, changed: ReadonlySet<string>, problems: StepProblem[]): boolean {
  const edited = [...useFresh].filter((file) => changed.has(file))
  let reverted = false
  for (const problem of found) {
    const blamed = byRelative.get(problem.filePath)?.file
    if (blamed !== undefined && useFresh.has(blamed) && (changed.has(blamed) || edited.length === 0)) {
      useFresh.delete(blamed)
      problems.push(problem)
      reverted = true
    } else if (edited.length > 0) {
      for (const file of edited) {
        if (useFresh.delete(file)) reverted = true
        const filePath = [...byRelative].find(([, candidate]) => candidate.file === file)![0]
        problems.push({ filePath, message: problem.message })
      }
    } else {
      // Nothing fresh to blame: serve what there is, and say so (only at the start of `motia dev`).
      problems.push(problem)
    }
  }
  return reverted
}

// A group (one Python runner pool) swaps only when every file of it that served before still loads.
function revertBrokenGroups(candidates: readonly FileCandidate[], useFresh: Set<string>): boolean {
  let reverted = false
  for (const candidate of candidates) {
    if (candidate.group === undefined || candidate.previous === undefined || useFresh.has(candidate.file)) continue
    for (const member of candidates) {
      if (member.group === candidate.group && useFresh.delete(member.file)) reverted = true
    }
  }
  return reverted
}

function crossFileProblems(versions: FileVersion[], root: string): StepProblem[] {
  const steps = versions.flatMap((version) => version.steps)
  // Per-file rules were checked when each file loaded; only the rules across files change with the mix.
  const problems = [...duplicateNames(steps, root), ...duplicateRoutes(steps, root), ...topicConflictsOf(steps)]
  const owners = new Map<string, string>()
  for (const stream of versions.flatMap((version) => version.streams)) {
    const owner = owners.get(stream.name)
    if (owner === undefined) owners.set(stream.name, stream.relativePath)
    else problems.push({ filePath: stream.relativePath, message: `stream name ${JSON.stringify(stream.name)} is already used by ${owner}: stream names must be unique` })
  }
  return problems
}

// A problem found again in a later round is one problem.
function distinct(problems: StepProblem[]): StepProblem[] {
  const seen = new Set<string>()
  return problems.filter((problem) => {
    const key = `${problem.filePath}\0${problem.line}\0${problem.message}`
    return !seen.has(key) && seen.add(key) !== undefined
  })
}
