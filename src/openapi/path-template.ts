// A route path in find-my-way syntax (Motia v0.x's Express-like paths) -> an OpenAPI path template.

export interface PathTemplate {
  /** `/users/{id}` for `/users/:id`. */
  template: string
  /** The path parameters, in order of appearance. */
  params: string[]
}

// `:name`, optionally followed by a regex constraint `(\\d+)`; a name ends at `/`, `-`, `.`, `(` or `:`.
const PARAM = /:([^/\-.(:]+)(\((?:[^()\\]|\\.)*\))?/g
const ESCAPED_COLON = '\u0000'

/**
 * `/users/:id` -> `{ template: '/users/{id}', params: ['id'] }`. A regex constraint is dropped (the
 * document says "string"), `::` is a literal colon, and a trailing `*` wildcard becomes `{wildcard}`
 * (the handler reads it as `pathParams['*']`).
 */
export function toPathTemplate(path: string): PathTemplate {
  const params: string[] = []
  let template = path.replaceAll('::', ESCAPED_COLON).replace(PARAM, (_match, name: string) => {
    params.push(name)
    return `{${name}}`
  })
  if (template.endsWith('*')) {
    template = `${template.slice(0, -1)}{wildcard}`
    params.push('wildcard')
  }
  return { template: template.replaceAll(ESCAPED_COLON, ':'), params }
}
