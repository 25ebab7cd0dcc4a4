// Pieces of TypeScript source: quoted strings, property keys, unions and intersections.

/** A single-quoted TypeScript string literal (the quote style of Motia v0.x's types.d.ts). */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${escaped}'`
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A property name as written in a type: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name)
}

/** The literal type of a JSON value (`const`, `enum`); objects and arrays have none: `unknown`. */
export function literalType(value: unknown): string {
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean' || value === null) return String(value)
  return 'unknown'
}

/** `A | B`, without repeats; `unknown` absorbs the rest, `never` adds nothing. */
export function unionOf(types: readonly string[]): string {
  const members = [...new Set(types)].filter((type) => type !== 'never')
  if (members.includes('unknown')) return 'unknown'
  if (members.length === 0) return 'never'
  return members.join(' | ')
}

/** `A & B`, without repeats; `unknown` adds nothing, `never` absorbs the rest. Unions are parenthesised. */
export function intersectionOf(types: readonly string[]): string {
  const members = [...new Set(types)].filter((type) => type !== 'unknown')
  if (members.includes('never')) return 'never'
  if (members.length === 0) return 'unknown'
  if (members.length === 1) return members[0] as string
  return members.map((type) => (hasTopLevel(type, '|') ? `(${type})` : type)).join(' & ')
}

// True when `operator` appears outside brackets and string literals: `A | B`, but not `{ a: A | B }`.
function hasTopLevel(type: string, operator: '|' | '&'): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < type.length; index++) {
    const char = type[index]
    if (inString) {
      if (char === '\\') index++
      else if (char === "'") inString = false
    } else if (char === "'") inString = true
    else if (char === '{' || char === '[' || char === '(' || char === '<') depth++
    else if (char === '}' || char === ']' || char === ')' || char === '>') depth--
    else if (char === operator && depth === 0) return true
  }
  return false
}
