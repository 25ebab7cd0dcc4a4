// The project templates `motia create` offers. Their files ship in the package's templates/ folder,
// so creating a project needs no network.
import { fileURLToPath } from 'node:url'
import { MotiaError } from '../errors.js'

export interface Template {
  name: 'typescript' | 'javascript' | 'python' | 'multilang'
  /** Has TypeScript steps: the project gets a tsconfig.json, typescript and a `typecheck` script. */
  typescript: boolean
  /** Has Python steps: `motia install` (the project's postinstall) creates .venv; tests/ has pytest tests. */
  python: boolean
  /** Packages the steps import, besides motia. */
  imports: string[]
  /** Has tests/ run by vitest with motia's test kit (`npm test`). */
  vitest: boolean
}

export const TEMPLATES: readonly Template[] = [
  { name: 'typescript', typescript: true, python: false, imports: ['zod'], vitest: true },
  { name: 'javascript', typescript: false, python: false, imports: ['zod'], vitest: true },
  { name: 'python', typescript: false, python: true, imports: [], vitest: false },
  { name: 'multilang', typescript: true, python: true, imports: ['zod'], vitest: true },
]

/** `src/cli/` and `dist/cli/` are both two levels below the package root. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))

/**
 * The template called `name`, or by its Motia v0.x name (`starter-typescript`, ...).
 *
 * @example
 * findTemplate('starter-python').name // 'python'
 */
export function findTemplate(name: string): Template {
  const found = TEMPLATES.find((template) => template.name === name || `starter-${template.name}` === name)
  if (found) return found
  const names = TEMPLATES.map((template) => template.name)
  throw new MotiaError(
    'E_BAD_OPTION',
    `Unknown template \`${name}\`: choose one of ${names.join(', ')} (Motia v0.x names such as starter-typescript work too), e.g. \`motia create my-app -t typescript\`.`,
    { retryable: false },
  )
}
