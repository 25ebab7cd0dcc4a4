// The validators step configs are checked with (config-schema.ts). `npm run build` compiles them into
// dist/ ahead of time (scripts/precompile-validators.js): compiling them with Ajv at every start
// cost a one-step project a quarter of its start-up. Without that file (src/ run through tsx), Ajv
// compiles them at first use.
import { Ajv, type Options, type ValidateFunction } from 'ajv'
import { createRequire } from 'node:module'
import { BASE_SCHEMA, CONFIG_SCHEMAS } from './config-schema.js'
import type { StepType } from './step.js'

export type ConfigValidators = { base: ValidateFunction } & Record<StepType, ValidateFunction>

export const CONFIG_AJV_OPTIONS: Options = { allErrors: true, verbose: true, allowUnionTypes: true, strictTypes: false }

/** The schemas by validator name, as the build compiles them. */
export const CONFIG_VALIDATOR_SCHEMAS: Record<keyof ConfigValidators, Record<string, unknown>> = { base: BASE_SCHEMA, ...CONFIG_SCHEMAS }

export const PRECOMPILED_FILE = 'config-validators.compiled.cjs'

let validators: ConfigValidators | undefined

export function configValidators(): ConfigValidators {
  validators ??= precompiled() ?? compile()
  return validators
}

function precompiled(): ConfigValidators | undefined {
  try {
    return createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as ConfigValidators
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined
    throw error
  }
}

function compile(): ConfigValidators {
  const ajv = new Ajv(CONFIG_AJV_OPTIONS)
  const entries = Object.entries(CONFIG_VALIDATOR_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)])
  return Object.fromEntries(entries) as ConfigValidators
}
