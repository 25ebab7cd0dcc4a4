// A step module's exports -> a StepDefinition (schemas as JSON Schema) plus the functions to call.
import { extname } from 'node:path'
import type { StepProblem } from '../../errors.js'
import type { StepConfigData, StepDefinition } from '../../project/step.js'
import { toJsonSchema } from '../../schema/to-json-schema.js'
import { describeValue } from '../../schema/describe-value.js'
import type { ApiMiddleware } from '../../types.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (...args: any[]) => unknown

/**
 * `definition` is set whenever `config` is an object, even with problems, so that config validation
 * still reports the rest of the file's problems in the same run.
 */
export interface StepModule {
  definition?: StepDefinition
  handler?: AnyFunction
  middleware: ApiMiddleware[]
  problems: StepProblem[]
}

const SIGNATURES: Record<string, string> = {
  event: 'async (input, ctx) => { ... }',
  api: 'async (req, ctx) => ({ status: 200, body: {} })',
  cron: 'async (ctx) => { ... }',
}

export function readModule(filePath: string, exports: Record<string, unknown>): StepModule {
  // A CommonJS module (or one tsx turned into CommonJS) may only have a `default` export.
  const fallback = (exports.default ?? {}) as Record<string, unknown>
  const config = exports.config ?? fallback.config
  const handler = exports.handler ?? fallback.handler
  const problem = (message: string): StepProblem => ({ filePath, message })

  if (config === undefined) {
    return { middleware: [], problems: [problem('exports no `config`: add `export const config = { type, name, ... }`')] }
  }
  if (typeof config === 'function') {
    return { middleware: [], problems: [problem('`config` must be an object, got a function: export the config object itself, not a function that returns it')] }
  }
  if (typeof (config as { then?: unknown } | null)?.then === 'function') {
    // Otherwise it would pass as an object without `type` and `name`, and the messages would say only that.
    return {
      middleware: [],
      problems: [problem('`config` is a promise: export the config object itself (compute it with top-level `await` if it must be awaited)')],
    }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { middleware: [], problems: [problem(`\`config\` must be an object, got ${describeValue(config)}`)] }
  }
  const raw = config as Record<string, unknown>
  const problems: StepProblem[] = []
  const data: StepConfigData = { ...(raw as StepConfigData) }

  for (const field of ['input', 'bodySchema'] as const) {
    if (field in raw) data[field] = convert(raw[field], field, problems, problem)
  }
  const responses = raw.responseSchema
  if (typeof responses === 'object' && responses !== null && !Array.isArray(responses)) {
    const converted: Record<string, unknown> = {}
    for (const [status, schema] of Object.entries(responses)) converted[status] = convert(schema, `responseSchema[${status}]`, problems, problem)
    data.responseSchema = converted as StepConfigData['responseSchema']
  }

  let middleware: ApiMiddleware[] = []
  if ('middleware' in raw) {
    const list = raw.middleware
    if (Array.isArray(list) && list.every((fn) => typeof fn === 'function')) {
      middleware = list as ApiMiddleware[]
      // Functions stay here; the config keeps their names for the flow graph and messages.
      data.middleware = middleware.map((fn) => fn.name || 'anonymous')
    } else {
      problems.push(problem(`\`middleware\` must be a list of functions \`async (req, ctx, next) => ...\`, got ${describeValue(list)}`))
      delete data.middleware
    }
  }

  if (raw.type !== 'noop') {
    if (handler === undefined) {
      const signature = SIGNATURES[String(raw.type)] ?? 'async (...) => { ... }'
      problems.push(problem(`exports no \`handler\`: add \`export const handler = ${signature}\``))
    } else if (typeof handler !== 'function') {
      problems.push(problem(`\`handler\` must be a function, got ${describeValue(handler)}`))
    }
  }
  const language = /\.[cm]?ts$/.test(extname(filePath)) ? 'typescript' : 'javascript'
  return { definition: { filePath, language, config: data }, handler: typeof handler === 'function' ? (handler as AnyFunction) : undefined, middleware, problems }
}

function convert(value: unknown, field: string, problems: StepProblem[], problem: (message: string) => StepProblem) {
  try {
    return toJsonSchema(value, `\`${field}\``)
  } catch (error) {
    problems.push(problem((error as Error).message))
    return null
  }
}
