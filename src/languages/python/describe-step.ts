// Turns `describe` answers into step definitions, and failures into problems with file and line.
import path from 'node:path'
import { RemoteError } from '../../errors.js'
import type { StepProblem } from '../../errors.js'
import type { StepConfigData, StepDefinition } from '../../project/step.js'
import type { StreamFileDefinition } from '../../streams/stream-definition.js'
import type { DescribeResult } from './protocol.js'

export function toDefinition(filePath: string, result: DescribeResult): StepDefinition | StepProblem {
  const config = result?.config
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return { filePath, message: 'the Python runner described no `config` dict for this file' }
  }
  return { filePath, language: 'python', config: config as StepConfigData }
}

/** A stream file's described config; `__motia_hasCanAccess` (Motia v0.x's flag) becomes `hasCanAccess`. */
export function toStreamDefinition(filePath: string, result: DescribeResult): StreamFileDefinition | StepProblem {
  const config = result?.config
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return { filePath, message: 'the Python runner described no `config` dict for this file' }
  }
  const { __motia_hasCanAccess: hasCanAccess, ...rest } = config
  return { filePath, language: 'python', config: { ...rest, schema: rest.schema as never, hasCanAccess: hasCanAccess === true } }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// The runner prefixes load errors with where they happened ("steps/x_step.py:3: SyntaxError: ...");
// the problem list prints the file and line itself, so they move out of the message.
function splitLocation(message: string, filePath: string, root: string): { message: string; line?: number } {
  const names = [filePath, path.relative(root, filePath).split(path.sep).join('/')]
  for (const name of names) {
    const match = new RegExp(`^${escapeRegExp(name)}(?::(\\d+))?: `).exec(message)
    if (match) return { message: message.slice(match[0].length), line: match[1] ? Number(match[1]) : undefined }
  }
  return { message }
}

// The last frame of the traceback inside the file itself is where the import broke.
function lineFromTraceback(traceback: string | undefined, filePath: string): number | undefined {
  if (!traceback) return undefined
  const frames = [...traceback.matchAll(new RegExp(`File "${escapeRegExp(filePath)}", line (\\d+)`, 'g'))]
  const last = frames.at(-1)
  return last ? Number(last[1]) : undefined
}

export function toProblem(filePath: string, root: string, error: unknown): StepProblem {
  if (!(error instanceof RemoteError)) {
    return { filePath, message: error instanceof Error ? error.message : String(error) }
  }
  const wire = error.wire
  // Catalogue errors carry a finished sentence; user exceptions need their type in front.
  const text = wire.code ? wire.message : `${wire.type}: ${wire.message}`
  const { message, line } = splitLocation(text, filePath, root)
  return { filePath, message, line: line ?? lineFromTraceback(wire.traceback, filePath) }
}
