// A stream module's exports (`*.stream.ts`) -> a StreamFileDefinition (schema as JSON Schema) plus its canAccess.
import { extname } from 'node:path'
import type { StepProblem } from '../../errors.js'
import { describeValue } from '../../schema/describe-value.js'
import { toJsonSchema } from '../../schema/to-json-schema.js'
import type { StreamFileDefinition } from '../../streams/stream-definition.js'
import type { AnyFunction } from './read-module.js'

export interface StreamModule {
  definition?: StreamFileDefinition
  canAccess?: AnyFunction
  problems: StepProblem[]
}

export function readStreamModule(filePath: string, exports: Record<string, unknown>): StreamModule {
  // A CommonJS module (or one tsx turned into CommonJS) may only have a `default` export.
  const config = exports.config ?? (exports.default as Record<string, unknown> | undefined)?.config
  const problem = (message: string): StepProblem => ({ filePath, message })
  if (config === undefined) {
    return { problems: [problem("exports no `config`: add `export const config: StreamConfig = { name, schema, baseConfig: { storageType: 'default' } }`")] }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { problems: [problem(`\`config\` must be an object, got ${describeValue(config)}`)] }
  }
  const raw = config as Record<string, unknown>
  const problems: StepProblem[] = []
  let schema = null
  try {
    schema = toJsonSchema(raw.schema, '`schema`')
  } catch (error) {
    problems.push(problem((error as Error).message))
  }
  const canAccess = raw.canAccess
  if (canAccess !== undefined && typeof canAccess !== 'function') {
    problems.push(problem(`\`canAccess\` must be a function \`(subscription, authContext) => boolean\`, got ${describeValue(canAccess)}`))
  }
  // A schema that failed to convert already has its problem: do not also report it as missing.
  const converted = problems.length > 0 && schema === null && raw.schema !== undefined ? {} : schema
  const { canAccess: _function, schema: _schema, ...rest } = raw
  const language = /\.[cm]?ts$/.test(extname(filePath)) ? 'typescript' : 'javascript'
  return {
    definition: { filePath, language, config: { ...rest, schema: converted, hasCanAccess: typeof canAccess === 'function' } },
    canAccess: typeof canAccess === 'function' ? (canAccess as AnyFunction) : undefined,
    problems,
  }
}
