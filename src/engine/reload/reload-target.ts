import type { Language } from '../../languages/language.js'
import type { Logger } from '../../types.js'
import type { DevStatus } from '../dev-status.js'
import type { ProjectVersion, VersionRequest } from './load-version.js'

/** What a reload needs from the running app (engine/app.ts). */
export interface ReloadTarget {
  /** Absolute project root. */
  root: string
  logger: Logger
  /** Updated in place: generation, reloadedAt, problems. */
  devStatus: DevStatus
  /** The newest instance of each language: it tells which language owns a file. */
  languages: readonly Language[]
  version: ProjectVersion
  request(loading: readonly Language[]): VersionRequest
  /** Fresh instances of these languages (ids), to load the changed files with. */
  newLanguages(ids: readonly string[]): Language[]
  /** Serves `version`; throws, changing nothing, when its routes clash. */
  apply(version: ProjectVersion): void
  /** The newest instance of each language from now on. */
  adopt(languages: Language[]): void
}

export interface ReloadOutcome {
  /** False when nothing changed in what serves (every changed file kept its previous version). */
  applied: boolean
  problems: ProjectVersion['problems']
  /** What serves now. */
  steps: ProjectVersion['steps']
  streams: ProjectVersion['streams']
}
