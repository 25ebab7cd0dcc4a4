// Cross-file rules: unique step names, and one API step per method and path.
import type { StepProblem } from '../errors.js'
import { API_METHODS } from './config-schema.js'
import { relativePath } from './relative-path.js'
import type { StepDefinition } from './step.js'

/** Each later step that reuses a name gets a problem naming the first file with that name. */
export function duplicateNames(defs: StepDefinition[], root: string): StepProblem[] {
  const first = new Map<string, StepDefinition>()
  const problems: StepProblem[] = []
  for (const def of defs) {
    const name = def.config?.name
    if (typeof name !== 'string' || name === '') continue
    const owner = first.get(name)
    if (!owner) {
      first.set(name, def)
      continue
    }
    problems.push({
      filePath: relativePath(root, def.filePath),
      message: `step name ${JSON.stringify(name)} is already used by ${relativePath(root, owner.filePath)}: step names must be unique`,
    })
  }
  return problems
}

/** `/users/:id`, `/users/:userId` and `/Users/:id/` are the same route: the router does not tell their requests apart. */
export function duplicateRoutes(defs: StepDefinition[], root: string): StepProblem[] {
  const first = new Map<string, StepDefinition>()
  const problems: StepProblem[] = []
  for (const def of defs) {
    const { type, method, path } = def.config ?? {}
    if (type !== 'api' || typeof path !== 'string' || !path.startsWith('/')) continue
    if (!(API_METHODS as readonly unknown[]).includes(method)) continue
    const key = `${method} ${normaliseRoute(path)}`
    const owner = first.get(key)
    if (!owner) {
      first.set(key, def)
      continue
    }
    problems.push({
      filePath: relativePath(root, def.filePath),
      message: `route ${method} ${path} is already served by ${relativePath(root, owner.filePath)} (step ${JSON.stringify(owner.config.name)} at ${method} ${owner.config.path}): give one of them another path or method`,
    })
  }
  return problems
}

// As the HTTP router matches (http/router.ts): any letter case, with or without a trailing slash.
export function normaliseRoute(path: string): string {
  return path.replace(/:[^/]+/g, ':').toLowerCase().replace(/\/+$/, '') || '/'
}
