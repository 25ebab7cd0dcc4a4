// The JSON Schemas step configs are checked against (reference §1). Each `description` says what a
// field must be; config-messages.ts puts it into "`field` must be <description>, got <value> (<type>)".
import { HTTP_METHODS } from '../defaults.js'
import type { StepType } from './step.js'

type Schema = Record<string, unknown>

export const STEP_TYPES: readonly StepType[] = ['event', 'api', 'cron', 'noop']
export const API_METHODS = HTTP_METHODS

const string: Schema = { type: 'string', description: 'a string' }
const topic: Schema = { type: 'string', minLength: 1, description: 'a topic name (a non-empty string)' }
const stringList: Schema = { type: 'array', items: string, description: 'a list of strings' }
const topicList: Schema = { type: 'array', items: topic, description: 'a list of topic names' }

// `Emit = string | { topic, label?, conditional? }`; `required` and `properties` only apply to objects.
const emit: Schema = {
  type: ['string', 'object'],
  minLength: 1,
  required: ['topic'],
  additionalProperties: false,
  properties: { topic, label: string, conditional: { type: 'boolean', description: 'true or false' } },
  description: 'a topic name or { topic, label?, conditional? }',
}
const emitList: Schema = { type: 'array', items: emit, description: 'a list of topics (strings or { topic, label?, conditional? })' }

const schema: Schema = { type: ['object', 'null'], description: 'a zod schema, a JSON Schema object or null' }

const common: Record<string, Schema> = {
  type: { description: '"event", "api", "cron" or "noop"' },
  name: { type: 'string', minLength: 1, description: 'a non-empty string' },
  description: string,
  flows: stringList,
  virtualEmits: emitList,
  virtualSubscribes: topicList,
  includeFiles: stringList,
}

const seconds = (min: number, max: number): Schema => ({
  type: 'number',
  minimum: min,
  maximum: max,
  description: `a number of seconds from ${min} to ${max}`,
})

// Reference §1.6. Strict, except `queue.messageGroupId`, which Motia v0.x accepted (and ignored) there.
const infrastructure: Schema = {
  type: 'object',
  additionalProperties: false,
  description: 'an object { handler?, queue? }',
  properties: {
    handler: {
      type: 'object',
      additionalProperties: false,
      description: 'an object { timeout? }',
      properties: {
        timeout: seconds(1, 900),
        // Motia v0.x fields for cloud deploys: allowed here so that validate-config refuses them with the reason.
        ram: {},
        cpu: {},
      },
    },
    queue: {
      type: 'object',
      additionalProperties: false,
      description: 'an object { type?, maxRetries?, visibilityTimeout?, delaySeconds?, concurrency? }',
      properties: {
        type: { type: 'string', enum: ['standard', 'fifo'], description: '"standard" or "fifo"' },
        maxRetries: { type: 'integer', minimum: 0, description: 'an integer >= 0' },
        visibilityTimeout: { type: 'number', exclusiveMinimum: 0, description: 'a positive number of seconds' },
        delaySeconds: seconds(0, 900),
        concurrency: { type: 'integer', minimum: 1, description: 'a positive integer' },
        messageGroupId: {},
      },
    },
  },
}

function stepSchema(own: Record<string, Schema>, required: string[]): Schema {
  return { type: 'object', required: ['name', ...required], additionalProperties: false, properties: { ...common, ...own } }
}

/** One schema per step type, checked with `allErrors` so every problem of a file is reported at once. */
export const CONFIG_SCHEMAS: Record<StepType, Schema> = {
  event: stepSchema({ subscribes: topicList, emits: emitList, input: schema, infrastructure }, ['subscribes', 'emits']),
  api: stepSchema(
    {
      path: { type: 'string', pattern: '^/', description: "a URL path starting with '/', e.g. '/users/:id'" },
      method: { type: 'string', enum: [...API_METHODS], description: `one of ${API_METHODS.join(', ')}` },
      emits: emitList,
      bodySchema: schema,
      responseSchema: {
        type: 'object',
        propertyNames: { pattern: '^[1-5][0-9][0-9]$' },
        additionalProperties: { type: 'object', description: 'a zod schema or a JSON Schema object' },
        description: 'an object mapping HTTP status codes (100-599) to schemas, e.g. { 200: schema }',
      },
      queryParams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: { name: string, description: string },
          description: 'an object { name, description? }',
        },
        description: 'a list of { name, description? }',
      },
      // The node language replaces the functions with their names; see languages/node.
      middleware: { type: 'array', items: string, description: 'a list of middleware functions' },
    },
    ['path', 'method', 'emits'],
  ),
  cron: stepSchema(
    { cron: { type: 'string', minLength: 1, description: "a cron expression, e.g. '*/5 * * * *'" }, emits: emitList },
    ['cron', 'emits'],
  ),
  noop: stepSchema({}, ['virtualEmits', 'virtualSubscribes']),
}

/** Used when `type` is missing or unknown: still reports a missing or bad `name`. */
export const BASE_SCHEMA: Schema = { type: 'object', required: ['name'], properties: { name: common.name } }
