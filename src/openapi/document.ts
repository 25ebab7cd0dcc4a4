// The API steps of a project -> one OpenAPI 3.1 document. Pure: the same steps give the same bytes.
import { STATUS_CODES } from 'node:http'
import type { StepConfigData } from '../project/step.js'
import { compileSchema } from '../schema/validator.js'
import type { JsonSchema } from '../types.js'
import { toPathTemplate } from './path-template.js'
import type { DocumentInfo } from './project-info.js'
import { toOpenApiSchema } from './schema-dialect.js'
import { BODY_REFUSALS, SERVER_SCHEMAS } from './server-responses.js'

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: DocumentInfo
  paths: Record<string, Record<string, unknown>>
  components?: { schemas: Record<string, unknown> }
}

// The order of the fields of a Path Item Object in the specification.
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch']
const COMPONENTS = '#/components/schemas/'

/**
 * One operation per API step: operationId = step name, summary and description from `description`,
 * tags from `flows`, path parameters from `:name` segments, query parameters from `queryParams`, the
 * JSON request body from `bodySchema`, a response per status of `responseSchema`, and the 400, 413 and
 * 415 the server itself answers to a request body it refuses. Paths are sorted, so are statuses.
 *
 * @example
 * openApiDocument([{ config: { type: 'api', name: 'GetUser', path: '/users/:id', method: 'GET' } }], { title: 'app', version: '1.0.0' })
 * // { openapi: '3.1.0', info, paths: { '/users/{id}': { get: { operationId: 'GetUser', parameters: [...], ... } } } }
 */
export function openApiDocument(steps: readonly { config: StepConfigData }[], info: DocumentInfo): OpenApiDocument {
  const routes = steps
    .filter((step) => step.config.type === 'api')
    .map((step) => ({ config: step.config, ...toPathTemplate(step.config.path ?? '/'), method: (step.config.method ?? 'GET').toLowerCase() }))
    .sort((a, b) => compare(a.template, b.template) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || compare(a.config.name, b.config.name))

  const components = new ComponentSchemas()
  const paths: OpenApiDocument['paths'] = {}
  for (const route of routes) {
    const item = (paths[route.template] ??= {})
    // Two steps on one method and path is a route clash, refused at start: the first one is documented.
    if (item[route.method] === undefined) item[route.method] = operation(route.config, route.params, components)
  }
  const document: OpenApiDocument = { openapi: '3.1.0', info: { title: info.title, version: info.version }, paths }
  if (components.size > 0) document.components = { schemas: components.sorted() }
  return document
}

function operation(config: StepConfigData, pathParams: string[], components: ComponentSchemas): Record<string, unknown> {
  const op: Record<string, unknown> = { operationId: config.name }
  const description = config.description?.trim()
  if (description) {
    const summary = description.split('\n', 1)[0]!.trim()
    op.summary = summary
    if (description !== summary) op.description = description
  }
  if (config.flows?.length) op.tags = [...config.flows]

  const parameters: Record<string, unknown>[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))
  for (const query of config.queryParams ?? []) {
    const parameter: Record<string, unknown> = { name: query.name, in: 'query', required: false, schema: { type: 'string' } }
    if (query.description) parameter.description = query.description
    parameters.push(parameter)
  }
  if (parameters.length > 0) op.parameters = parameters

  const base = components.reserve(config.name)
  const body = config.bodySchema
  if (body) {
    op.requestBody = { required: bodyRequired(body), content: { 'application/json': { schema: components.place(body, `${base}.body`) } } }
  }
  op.responses = responses(config, body ? BODY_REFUSALS : {}, base, components)
  return op
}

function responses(config: StepConfigData, refusals: Record<string, keyof typeof SERVER_SCHEMAS>, base: string, components: ComponentSchemas) {
  const declared = config.responseSchema ?? {}
  const statuses = [...new Set([...Object.keys(declared), ...Object.keys(refusals)])].sort(compare)
  const out: Record<string, unknown> = {}
  for (const status of statuses) {
    const own = declared[status] ? components.place(declared[status], `${base}.response.${status}`) : undefined
    const server = refusals[status] === undefined ? undefined : components.server(refusals[status])
    // A step's own 400 and the server's 400 can both happen: either body may come back.
    const schema = own && server ? { anyOf: [own, server] } : (own ?? server)
    out[status] = { description: STATUS_CODES[status] ?? 'Response', ...(schema === undefined ? {} : { content: { 'application/json': { schema } } }) }
  }
  // Without a responseSchema the step may answer anything: the refusals alone would leave its own answers undocumented.
  if (Object.keys(declared).length === 0) out.default = { description: 'Response' }
  return out
}

// The server validates a missing body (`undefined`) against bodySchema too: a schema that accepts it makes the body optional.
function bodyRequired(schema: JsonSchema): boolean {
  try {
    return compileSchema(schema)(undefined) !== null
  } catch {
    return true
  }
}

/** `components.schemas`: schemas that refer to themselves, and the server's own answers. */
class ComponentSchemas {
  private readonly schemas = new Map<string, unknown>()
  private readonly bases = new Set<string>()

  get size(): number {
    return this.schemas.size
  }

  /** A component-name prefix for a step, unique even when two step names sanitize alike. */
  reserve(stepName: string): string {
    const clean = stepName.replace(/[^A-Za-z0-9._-]/g, '_') || 'step'
    let base = clean
    for (let n = 2; this.bases.has(base); n++) base = `${clean}_${n}`
    this.bases.add(base)
    return base
  }

  /** The schema inline, or a `$ref` to it when its own refs need it at a fixed place in the document. */
  place(schema: JsonSchema, name: string): unknown {
    const converted = toOpenApiSchema(schema, `${COMPONENTS}${name}`)
    if (!converted.hasLocalRefs) return converted.schema
    this.schemas.set(name, converted.schema)
    return { $ref: `${COMPONENTS}${name}` }
  }

  server(name: keyof typeof SERVER_SCHEMAS): { $ref: string } {
    this.schemas.set(name, SERVER_SCHEMAS[name])
    return { $ref: `${COMPONENTS}${name}` }
  }

  sorted(): Record<string, unknown> {
    return Object.fromEntries([...this.schemas].sort(([a], [b]) => compare(a, b)))
  }
}

// Code-unit order: the same on every machine, whatever its locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
