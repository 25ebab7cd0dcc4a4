// The API endpoints as `GET /__motia/openapi.json` describes them (src/openapi/document.ts): one
// operation per API step, with its path and query parameters and its JSON body schema.
import { getJson } from '../api.js'

export type JsonSchema = Record<string, unknown>

export interface Endpoint {
  /** `POST /greetings`: what the list shows, and its `data-endpoint`. */
  id: string
  method: string
  /** The OpenAPI template: `/greetings/{id}`. */
  path: string
  step: string
  summary?: string
  description?: string
  flows: string[]
  pathParams: string[]
  queryParams: { name: string; description?: string }[]
  /** With every `$ref` to the document's components resolved. */
  bodySchema?: JsonSchema
  bodyRequired: boolean
}

interface OpenApiParameter {
  name: string
  in: string
  description?: string
}

interface OpenApiOperation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: OpenApiParameter[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export async function fetchEndpoints(): Promise<Endpoint[]> {
  return listEndpoints(await getJson<OpenApiDocument>('/__motia/openapi.json'))
}

/** Every operation of the document, in its order (paths sorted, then methods). */
export function listEndpoints(document: OpenApiDocument): Endpoint[] {
  const endpoints: Endpoint[] = []
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [lower, operation] of Object.entries(item)) {
      const method = lower.toUpperCase()
      const parameters = operation.parameters ?? []
      const schema = operation.requestBody?.content?.['application/json']?.schema
      endpoints.push({
        id: `${method} ${path}`,
        method,
        path,
        step: operation.operationId ?? '',
        summary: operation.summary,
        description: operation.description,
        flows: operation.tags ?? [],
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        queryParams: parameters.filter((parameter) => parameter.in === 'query').map(({ name, description }) => ({ name, description })),
        bodySchema: schema === undefined ? undefined : resolveRefs(schema, document.components?.schemas ?? {}),
        bodyRequired: operation.requestBody?.required ?? false,
      })
    }
  }
  return endpoints
}

const COMPONENTS = '#/components/schemas/'

// Inlines `$ref`s to components; a schema that refers to itself keeps its inner `$ref` (shown as is).
function resolveRefs(schema: unknown, components: Record<string, JsonSchema>, seen: string[] = []): JsonSchema {
  if (Array.isArray(schema)) return schema.map((item) => resolveRefs(item, components, seen)) as unknown as JsonSchema
  if (typeof schema !== 'object' || schema === null) return schema as JsonSchema
  const ref = (schema as { $ref?: unknown }).$ref
  if (typeof ref === 'string' && ref.startsWith(COMPONENTS) && !seen.includes(ref)) {
    const target = components[ref.slice(COMPONENTS.length)]
    if (target !== undefined) return resolveRefs(target, components, [...seen, ref])
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, resolveRefs(value, components, seen)]))
}
