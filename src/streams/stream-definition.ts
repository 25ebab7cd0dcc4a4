// A stream file (`*.stream.ts`, `*_stream.py`) as its language read it, and as the engine uses it.
import type { Language } from '../languages/language.js'
import type { StepLanguage } from '../project/step.js'
import type { JsonSchema } from '../types.js'

/**
 * A stream file's `config` as read from the file: `schema` already JSON Schema (or null when missing),
 * `canAccess` replaced by `hasCanAccess` (the function stays with the language that loaded the file).
 */
export interface StreamConfigData {
  name?: unknown
  schema?: JsonSchema | null
  baseConfig?: unknown
  hasCanAccess: boolean
  [other: string]: unknown
}

/** What a language hands back for one stream file it read. */
export interface StreamFileDefinition {
  filePath: string
  language: StepLanguage
  config: StreamConfigData
}

/** A stream that passed validation, ready for the engine. */
export interface StreamDefinition {
  name: string
  filePath: string
  /** Path relative to the project root, for messages. */
  relativePath: string
  language: StepLanguage
  /** The item schema: advisory (a mismatch is logged) unless the app runs with `--strict`. */
  schema: JsonSchema | null
  hasCanAccess: boolean
  runtime: Language
}

/** `*.stream.ts` / `*_stream.js` / `*_stream.py` (Motia v0.x's names), as opposed to step files. */
export const STREAM_FILE = /[._]stream\.(?:[cm]?ts|[cm]?js|py|rb)$/

export const isStreamFile = (filePath: string): boolean => STREAM_FILE.test(filePath)
