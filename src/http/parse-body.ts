import { parse as parseForm } from 'node:querystring'
import { dropProtoKey, parseJsonSafely } from './safe-json.js'

/**
 * The `body` an API handler sees, from the request's content type (Motia v0.x parsed JSON,
 * urlencoded and text): JSON and `+json` parsed, urlencoded to an object (repeated keys to arrays),
 * anything else as the raw string. No body gives `undefined`. Malformed JSON throws a SyntaxError, and JSON
 * refused by parseJsonSafely (a non-finite number, too deep) a JsonBodyError. `__proto__` keys are dropped.
 */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (raw.length === 0) return undefined
  if (contentType === undefined) return raw
  if (contentType === 'application/json') return parseJsonSafely(raw)
  const type = mediaType(contentType)
  if (type === 'application/json' || type.endsWith('+json')) return parseJsonSafely(raw)
  if (type === 'application/x-www-form-urlencoded') return dropProtoKey(parseForm(raw))
  return raw
}

/** `Application/JSON; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';')
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase()
}
