// Schemas written for Motia v0.x that are neither zod nor JSON Schema, e.g. `{ error: 'string' }`.
// v0.x accepted and ignored them; so do we, with one warning per file. `--strict` refuses them.
import type { StepProblem } from '../errors.js'
import { isLooseSchema } from '../schema/schema-shape.js'
import { relativePath } from './relative-path.js'
import type { StepDefinition } from './step.js'

export interface LooseSchemaOutcome {
  /** With `strict`: one problem per loose schema. */
  problems: StepProblem[]
  /** Without: one line per file that had some. Either way they are removed from the configs. */
  warnings: string[]
}

/**
 * Removes every loose `input`, `bodySchema` and `responseSchema[status]` from the configs (in place);
 * with `strict`, also reports each as a start-up problem.
 *
 * @example
 * setLooseSchemasAside(defs, root, false).warnings
 * // ['steps/todo.step.ts: ignoring responseSchema[200] (neither zod nor JSON Schema, e.g. ...']
 */
export function setLooseSchemasAside(defs: StepDefinition[], root: string, strict: boolean): LooseSchemaOutcome {
  const outcome: LooseSchemaOutcome = { problems: [], warnings: [] }
  for (const def of defs) {
    const config = def.config
    if (typeof config !== 'object' || config === null) continue
    const file = relativePath(root, def.filePath)
    const loose: [string, unknown][] = []
    for (const field of ['input', 'bodySchema'] as const) {
      if (isLooseSchema(config[field])) {
        loose.push([field, config[field]])
        delete config[field]
      }
    }
    const responses = config.responseSchema
    if (typeof responses === 'object' && responses !== null && !Array.isArray(responses)) {
      for (const [status, schema] of Object.entries(responses)) {
        if (!isLooseSchema(schema)) continue
        loose.push([`responseSchema[${status}]`, schema])
        delete responses[status]
      }
    }
    if (loose.length === 0) continue
    if (strict) {
      for (const [field, schema] of loose) {
        outcome.problems.push({
          filePath: file,
          message: `\`${field}\` is neither a zod schema nor a JSON Schema (${preview(schema)}): write it as zod or JSON Schema, e.g. { type: 'object', properties: { error: { type: 'string' } } }, or run without --strict to ignore it as Motia v0.x did`,
        })
      }
    } else {
      const fields = loose.map(([field]) => field).join(', ')
      outcome.warnings.push(
        `${file}: ignoring ${fields} (neither zod nor JSON Schema, e.g. ${preview(loose[0]![1])}), as Motia v0.x did: nothing is validated against ${loose.length === 1 ? 'it' : 'them'}. Write zod or JSON Schema to validate; --strict refuses such schemas`,
      )
    }
  }
  return outcome
}

function preview(schema: unknown): string {
  const text = JSON.stringify(schema)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
