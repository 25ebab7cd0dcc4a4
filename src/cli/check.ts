import { resolve } from 'node:path'
import { findingLines, findingsJson, runCheck } from '../check/index.js'
import { loadDotEnv } from './dot-env.js'

export interface CheckFlags {
  project: string
  json?: boolean
  /** commander's `--no-typecheck`. */
  typecheck: boolean
}

/** `motia check`: prints the findings; the exit code is 1 when there is an error (0 otherwise). */
export async function check(flags: CheckFlags, write: (text: string) => void): Promise<number> {
  const root = resolve(flags.project)
  // Steps see the same environment as under `motia run` (they may read it while they load).
  loadDotEnv(root)
  const findings = await runCheck(root, { env: process.env, typecheck: flags.typecheck })
  write(flags.json ? `${findingsJson(findings)}\n` : `${findingLines(findings).join('\n')}\n`)
  return findings.errors.length > 0 ? 1 : 0
}
