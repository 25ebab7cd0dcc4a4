// Checks every step config before anything runs: per-file rules from config-schema.ts, then the
// rules JSON Schema cannot say (cron syntax, schema validity, timeouts), then the cross-file ones.
import type { ValidateFunction } from 'ajv'
import { cronClass } from '../engine/load-croner.js'
import type { StepProblem } from '../errors.js'
import { compileSchema } from '../schema/validator.js'
import { STEP_TYPES } from './config-schema.js'
import { configMessages, showValue } from './config-messages.js'
import { configValidators } from './config-validators.js'
import { duplicateNames, duplicateRoutes } from './duplicates.js'
import { relativePath } from './relative-path.js'
import type { StepConfigData, StepDefinition, StepType } from './step.js'

/** Every problem of every step config, each naming its file relative to `root`. Never throws. */
export function validateStepConfigs(defs: StepDefinition[], root: string): StepProblem[] {
  const problems: StepProblem[] = []
  for (const def of defs) {
    for (const message of checkConfig(def.config)) problems.push({ filePath: relativePath(root, def.filePath), message })
  }
  problems.push(...duplicateNames(defs, root), ...duplicateRoutes(defs, root))
  // Keep each file's problems together, in discovery order.
  const order = new Map(defs.map((def, index) => [relativePath(root, def.filePath), index]))
  return problems.sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0))
}

function checkConfig(config: StepConfigData): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return [`\`config\` must be an object, got ${showValue(config)}`]
  }
  const type = config.type as unknown
  if (!STEP_TYPES.includes(type as StepType)) {
    const expected = '"event", "api", "cron" or "noop"'
    const typeMessage = type === undefined ? `\`type\` is missing: set it to ${expected}` : `\`type\` must be ${expected}, got ${showValue(type)}`
    return [typeMessage, ...run(configValidators().base, config, 'unknown')]
  }
  const messages = run(configValidators()[type as StepType], config, type as string)
  if (type !== 'event' && config.infrastructure !== undefined) {
    messages.push(`\`infrastructure\` is only for event steps (this is ${type === 'api' ? 'an' : 'a'} ${type} step): remove it`)
  }
  messages.push(...checkCron(config), ...checkTimeouts(config), ...checkLocalOnly(config), ...checkSchemas(config))
  return messages
}

function run(validate: ValidateFunction, config: StepConfigData, type: string): string[] {
  if (validate(config)) return []
  // `infrastructure` on a non-event step gets its own message (checkConfig).
  const errors = (validate.errors ?? []).filter(
    (e) => !(e.keyword === 'additionalProperties' && e.instancePath === '' && (e.params as { additionalProperty: string }).additionalProperty === 'infrastructure'),
  )
  return configMessages(errors, type)
}

function checkCron(config: StepConfigData): string[] {
  if (config.type !== 'cron' || typeof config.cron !== 'string' || config.cron === '') return []
  try {
    new (cronClass())(config.cron).stop()
    return []
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern: /, '').replace(/\.$/, '')
    return [
      `\`cron\` ${JSON.stringify(config.cron)} is not a valid cron expression (${reason}): use 5 fields (minute hour day month weekday) or 6 with leading seconds`,
    ]
  }
}

// Reference §1.6 (Motia v0.x): the lease must outlast the timeout, or it would end every slow delivery first.
function checkTimeouts(config: StepConfigData): string[] {
  const timeout = config.infrastructure?.handler?.timeout
  const visibility = config.infrastructure?.queue?.visibilityTimeout
  // Out-of-range values already have their own message.
  if (typeof timeout !== 'number' || typeof visibility !== 'number' || timeout < 1 || visibility <= 0) return []
  if (visibility > timeout) return []
  return [
    `\`infrastructure.queue.visibilityTimeout\` (${visibility}) must be greater than \`infrastructure.handler.timeout\` (${timeout}): the delivery lease would end the handler before its timeout. Raise visibilityTimeout or lower the timeout.`,
  ]
}

// Not accepted-then-ignored: a limit that does nothing would only mislead.
function checkLocalOnly(config: StepConfigData): string[] {
  const handler = config.infrastructure?.handler
  if (typeof handler !== 'object' || handler === null) return []
  const what = { ram: 'memory', cpu: 'CPUs' } as const
  return (['ram', 'cpu'] as const)
    .filter((field) => field in handler)
    .map(
      (field) =>
        `\`infrastructure.handler.${field}\` has no effect: motia runs handlers in local processes and cannot reserve ${what[field]} for them. Remove it (the deadline is \`infrastructure.handler.timeout\`).`,
    )
}

function checkSchemas(config: StepConfigData): string[] {
  const schemas: [string, unknown][] = [
    ['input', config.input],
    ['bodySchema', config.bodySchema],
  ]
  const responses = config.responseSchema
  if (typeof responses === 'object' && responses !== null) {
    for (const [status, schema] of Object.entries(responses)) schemas.push([`responseSchema[${status}]`, schema])
  }
  const messages: string[] = []
  for (const [field, schema] of schemas) {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) continue
    try {
      compileSchema(schema as Record<string, unknown>)
    } catch (error) {
      const cause = (error as Error).cause
      messages.push(`\`${field}\` is not a valid JSON Schema: ${cause instanceof Error ? cause.message : (error as Error).message}`)
    }
  }
  return messages
}
