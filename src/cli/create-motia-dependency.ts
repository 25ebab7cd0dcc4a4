// Which `motia` dependency a new project's package.json gets: one the user can install, pointing at
// the motia that runs `motia create`. This package is not in a registry under its name (the name
// belongs to Motia v0.x there), so a plain `^version` would install something else.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * - Run from a folder that is not inside `node_modules` (a clone): `file:` that folder.
 * - Installed in a project from a tarball, folder or git URL: the spec that project used, with a
 *   `file:` path made relative to the new project.
 * - Otherwise (a registry install, a global install): `^<version>`.
 *
 * @example
 * motiaDependency({ packageRoot: '/src/motia', version: '0.1.0', projectDir: '/src/app' }) // 'file:../motia'
 */
export function motiaDependency(options: { packageRoot: string; version: string; projectDir: string }): string {
  const { packageRoot, version, projectDir } = options
  const inNodeModules = packageRoot.lastIndexOf(`${path.sep}node_modules${path.sep}`)
  if (inNodeModules === -1) return fileSpec(projectDir, packageRoot)
  const installer = packageRoot.slice(0, inNodeModules)
  const spec = declaredSpec(installer)
  if (spec === undefined) return `^${version}`
  const local = /^file:/.test(spec) ? spec.slice('file:'.length) : /^(\.{1,2}|~)?[\\/]/.test(spec) ? spec : undefined
  if (local !== undefined) return fileSpec(projectDir, path.resolve(installer, local))
  // git, GitHub shorthands and tarball URLs install the same from anywhere; a range would mean the registry.
  return /^[\w+.-]+:|^[\w.-]+\/[\w.-]+/.test(spec) ? spec : `^${version}`
}

function declaredSpec(project: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    return manifest.dependencies?.motia ?? manifest.devDependencies?.motia
  } catch {
    return undefined
  }
}

function fileSpec(from: string, target: string): string {
  const relative = path.relative(from, target).split(path.sep).join('/')
  return `file:${relative === '' ? '.' : relative}`
}
