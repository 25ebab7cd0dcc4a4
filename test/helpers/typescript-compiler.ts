import { execa } from 'execa'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { REPO } from './motia-process.js'

const TSC = join(REPO, 'node_modules/typescript/bin/tsc')

/**
 * A tsconfig for a project inside the repo that maps `motia` to this checkout's `src/index.ts`, so
 * generated types are checked against our `motia`, not a build of it. Strict, and library checks on:
 * the generated `types.d.ts` is checked too.
 */
export function writeTsconfig(project: string, include: string[] = ['**/*.ts']): void {
  const motia = relative(project, join(REPO, 'src/index.ts')).split('\\').join('/')
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    paths: { motia: [motia] },
  }
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include, exclude: ['node_modules', '.venv'] }, null, 2))
}

/** A fresh folder inside the repo (so `zod` resolves from its node_modules) holding `files`. */
export function tempProject(name: string, files: Record<string, string>): string {
  const parent = join(REPO, '.tmp-tests')
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(join(parent, `${name}-`))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

/** Runs the real `tsc -p project`; `errors` are its diagnostic lines (`file(line,col): error TS...: ...`). */
export async function typeCheck(project: string): Promise<{ exitCode: number; errors: string[]; output: string }> {
  const result = await execa('node', [TSC, '-p', project, '--pretty', 'false'], { reject: false, cwd: project })
  const output = `${result.stdout}${result.stderr}`
  return { exitCode: result.exitCode ?? -1, errors: output.split('\n').filter((line) => /\): error TS\d+:/.test(line)), output }
}
