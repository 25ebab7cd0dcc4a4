// `tsc --noEmit` with the project's own TypeScript and tsconfig.json: a TS step emitting the wrong shape
// to a Python subscriber is only visible to the type checker (through the generated types.d.ts).
import { execa } from 'execa'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import type { Finding, Findings } from './finding.js'

/** `tsc --pretty false` prints `file(line,col): error TS1234: message`, continued by indented lines. */
const DIAGNOSTIC = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/
const GLOBAL_DIAGNOSTIC = /^error (TS\d+): (.*)$/

export async function typecheckTypeScript(root: string, hasTypeScriptSteps: boolean): Promise<Partial<Findings>> {
  if (!existsSync(join(root, 'tsconfig.json'))) {
    return hasTypeScriptSteps ? { info: ['TypeScript type check skipped: no tsconfig.json in the project (add one, e.g. `npx tsc --init`)'] } : {}
  }
  const tsc = projectTsc(root)
  if (!tsc) return { info: ['TypeScript type check skipped: `typescript` is not installed in the project (npm install -D typescript)'] }
  const result = await execa(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', root], { cwd: root, reject: false })
  if (result.exitCode === 0) return {}
  const errors = parseTscOutput(String(result.stdout), root)
  if (errors.length === 0) {
    const output = `${String(result.stdout)}\n${String(result.stderr)}`.trim()
    errors.push({ code: 'tsc', message: `tsc failed (exit code ${result.exitCode ?? result.signal}): ${output}` })
  }
  return { errors }
}

// The project's own compiler, as `npx tsc` would find it.
function projectTsc(root: string): string | undefined {
  try {
    const manifest = createRequire(join(root, 'package.json')).resolve('typescript/package.json')
    return join(dirname(manifest), 'bin', 'tsc')
  } catch {
    return undefined
  }
}

export function parseTscOutput(output: string, root: string): Finding[] {
  const errors: Finding[] = []
  for (const line of output.split(/\r?\n/)) {
    const located = DIAGNOSTIC.exec(line)
    const global = located ? undefined : GLOBAL_DIAGNOSTIC.exec(line)
    if (located) {
      const [, file = '', lineNumber, code, message = ''] = located
      errors.push({ code: 'tsc', file: toProjectPath(root, file), line: Number(lineNumber), message: `${message} (${code})` })
    } else if (global) {
      errors.push({ code: 'tsc', message: `${global[2]} (${global[1]})` })
    } else if (/^\s+\S/.test(line) && errors.length > 0) {
      const last = errors[errors.length - 1] as Finding
      last.message = `${last.message}\n${line}`
    }
  }
  return errors
}

// tsc names files relative to its working directory (the project root here).
function toProjectPath(root: string, file: string): string {
  const path = relative(root, resolve(root, file))
  return path.split('\\').join('/')
}
