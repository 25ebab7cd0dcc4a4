// Ajv errors on a step config -> one sentence per field that names the field, the value and its type
// (STYLE §7: "`method` must be one of GET, POST, ..., got \"FETCH\" (string)").
import type { ErrorObject } from 'ajv'

type Schema = { description?: string; properties?: Record<string, { description?: string }> }

export function configMessages(errors: readonly ErrorObject[], stepType: string): string[] {
  const seen = new Set<string>()
  const messages: string[] = []
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue // reported by the inner error, which names the key
    const message = describe(error, stepType)
    if (seen.has(message)) continue // `method: 5` fails both `type` and `enum` with the same sentence
    seen.add(message)
    messages.push(message)
  }
  return messages
}

function describe(error: ErrorObject, stepType: string): string {
  const parent = (error.parentSchema ?? {}) as Schema
  const params = error.params as Record<string, unknown>
  const field = fieldName(error.instancePath)
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty)
    const expected = parent.properties?.[missing]?.description
    return `\`${join(field, missing)}\` is missing${expected ? `: set it to ${expected}` : ''}`
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty)
    const owner = field === '' ? `${stepType} steps` : `\`${field}\``
    return `\`${join(field, extra)}\` is not a field of ${owner} (allowed: ${Object.keys(parent.properties ?? {}).join(', ')})`
  }
  const propertyName = (error as { propertyName?: string }).propertyName
  if (propertyName !== undefined) {
    return `\`${field}\` has the key ${JSON.stringify(propertyName)}, which is not an HTTP status code (100-599)`
  }
  return `\`${field || 'config'}\` must be ${parent.description ?? error.message}, got ${showValue(error.data)}`
}

// `/infrastructure/queue/maxRetries` -> `infrastructure.queue.maxRetries`; `/subscribes/1` -> `subscribes[1]`.
function fieldName(pointer: string): string {
  let out = ''
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out = /^\d+$/.test(part) ? `${out}[${part}]` : join(out, part)
  }
  return out
}

function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`
}

/** `"FETCH" (string)`, `-1 (number)`, `null (null)`, `["a"] (array)`. */
export function showValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  if (type === 'function') return 'a function'
  if (type === 'undefined') return 'undefined'
  let text = JSON.stringify(value) ?? String(value)
  if (text.length > 60) text = `${text.slice(0, 57)}...`
  return `${text} (${type})`
}
