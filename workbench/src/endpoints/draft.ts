import { exampleFromSchema } from './example-from-schema.js'
import type { Endpoint } from './openapi.js'

/** What the user is editing for one endpoint (kept per endpoint while the view is open). */
export interface Draft {
  pathParams: Record<string, string>
  query: Record<string, string>
  headers: [string, string][]
  body: string
}

export function initialDraft(endpoint: Endpoint): Draft {
  const body = endpoint.bodySchema === undefined ? '' : JSON.stringify(exampleFromSchema(endpoint.bodySchema), null, 2)
  return {
    pathParams: Object.fromEntries(endpoint.pathParams.map((name) => [name, ''])),
    query: Object.fromEntries(endpoint.queryParams.map(({ name }) => [name, ''])),
    headers: endpoint.bodySchema === undefined ? [] : [['content-type', 'application/json']],
    body,
  }
}
