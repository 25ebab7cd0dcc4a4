import { MAX_JSON_DEPTH } from '../defaults.js'

/**
 * A JSON body refused after parsing: a number JSON.parse turned into ±Infinity, or nesting deeper than
 * the bound. `path` is a JSON Pointer to the value (`/items/0/price`), as in validation issues.
 */
export class JsonBodyError extends Error {
  readonly path: string

  constructor(message: string, path: string) {
    super(message)
    this.name = 'JsonBodyError'
    this.path = path
  }
}

/**
 * `JSON.parse` for request bodies (DESIGN.md §6), in one walk over the parsed value:
 * - drops `__proto__` keys and `constructor` objects carrying a `prototype`, at any depth, so merging the
 *   value into another object cannot reach a prototype;
 * - refuses a number that does not fit a double (`1e400` parses to Infinity, and would be stored as null);
 * - refuses nesting deeper than `maxDepth` (default MAX_JSON_DEPTH), which later steps could not carry.
 * The walk never recurses, so any depth JSON.parse accepts is safe to check.
 * Throws a SyntaxError on malformed JSON and a JsonBodyError on the two refusals.
 */
export function parseJsonSafely(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text)
  if (value !== null && typeof value === 'object') inspect(value as Record<string, unknown>, maxDepth)
  else if (typeof value === 'number' && !Number.isFinite(value)) throw notFinite(value, '')
  return value
}

const PROTO = '__proto__'

/**
 * Urlencoded bodies and query strings hold flat string values, so of the keys parseJsonSafely drops only
 * `__proto__` can reach a prototype (`Object.assign({}, query)` would set it). Removes it in place.
 */
export function dropProtoKey<T extends Record<string, unknown>>(record: T): T {
  if (Object.hasOwn(record, PROTO)) delete record[PROTO]
  return record
}

function inspect(root: Record<string, unknown>, maxDepth: number): void {
  // Two parallel stacks: a node and its depth (the root is at depth 1).
  const nodes: Record<string, unknown>[] = [root]
  const depths: number[] = [1]
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = depths.pop()!
    if (depth > maxDepth) throw tooDeep(root, maxDepth)
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i]
        if (typeof child === 'object' && child !== null) {
          nodes.push(child as Record<string, unknown>)
          depths.push(depth + 1)
        } else if (typeof child === 'number' && !Number.isFinite(child)) {
          throw notFinite(child, pathTo(root, child))
        }
      }
      continue
    }
    for (const key of Object.keys(node)) {
      const child = node[key]
      if (typeof child === 'object' && child !== null) {
        if (key === '__proto__' || (key === 'constructor' && Object.hasOwn(child, 'prototype'))) {
          delete node[key]
        } else {
          nodes.push(child as Record<string, unknown>)
          depths.push(depth + 1)
        }
      } else if (key === '__proto__') {
        delete node[key]
      } else if (typeof child === 'number' && !Number.isFinite(child)) {
        throw notFinite(child, pathTo(root, child))
      }
    }
  }
}

function notFinite(value: number, path: string): JsonBodyError {
  const where = path === '' ? 'The JSON body is a number' : `The number at \`${path}\``
  return new JsonBodyError(
    `${where} that does not fit a 64-bit float (it parses to ${value}): send numbers between -1.7e308 and 1.7e308, or send this one as a string.`,
    path,
  )
}

function tooDeep(root: object, maxDepth: number): JsonBodyError {
  const path = findPath(root, (child, depth) => depth > maxDepth && child !== null && typeof child === 'object')
  return new JsonBodyError(`The JSON body nests arrays and objects deeper than ${maxDepth} levels: send a flatter body.`, path)
}

function pathTo(root: object, target: number): string {
  return findPath(root, (child) => Object.is(child, target))
}

// Only on the error path: a second walk that keeps the JSON Pointer (and depth) of every node.
function findPath(root: object, found: (child: unknown, depth: number) => boolean): string {
  const pending: [object, string, number][] = [[root, '', 1]]
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [node, path, depth] = item
    for (const [key, child] of Object.entries(node)) {
      const childPath = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
      if (found(child, depth + 1)) return childPath
      if (child !== null && typeof child === 'object') pending.push([child, childPath, depth + 1])
    }
  }
  return ''
}
