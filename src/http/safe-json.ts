// Keys that could reach a prototype once user code merges the parsed value into another object.
// `\u` is there because `"\u005f_proto__"` parses to the key `__proto__`.
const SUSPECT = /__proto__|constructor|\\u/

/**
 * `JSON.parse` that drops `__proto__` keys and `constructor` objects carrying a `prototype`, at any depth
 * (DESIGN.md §6). The scan only runs when the text could hold such a key, so ordinary bodies pay nothing.
 */
export function parseJsonSafely(text: string): unknown {
  const value: unknown = JSON.parse(text)
  if (value !== null && typeof value === 'object' && SUSPECT.test(text)) scrub(value as Record<string, unknown>)
  return value
}

function scrub(root: Record<string, unknown>): void {
  const pending: Record<string, unknown>[] = [root]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    for (const key of Object.keys(node)) {
      const child = node[key]
      if (key === '__proto__' || (key === 'constructor' && isObject(child) && Object.hasOwn(child, 'prototype'))) {
        delete node[key]
      } else if (isObject(child)) {
        pending.push(child)
      }
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object'
}
