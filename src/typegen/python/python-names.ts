// Python names for generated types: PascalCase from topics, steps and keys, unique in the module.

// Python 3.10+ keywords (`keyword.kwlist`) and soft keywords: never usable as class names or fields.
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', '_', 'type',
])

/** True when `name` can be written as a bare Python identifier (a class field, a class name). */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name)
}

/** `greeting.requested` -> `GreetingRequested`, `orderCreated` -> `OrderCreated`, `201` -> `T201`. */
export function pascalCase(text: string): string {
  const joined = pascalPart(text)
  if (joined === '') return 'T'
  return /^[0-9]/.test(joined) ? `T${joined}` : joined
}

/** The same words, for the end of a name (`Response` + `201`): may start with a digit. */
export function pascalPart(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0)
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')
}

/**
 * The module's global names. Claims are first come, first served, so a deterministic order of claims
 * gives deterministic names; a taken name gets the first free numeric suffix (`Address2`).
 */
export class NameRegistry {
  readonly #taken = new Set<string>()

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.#taken.add(name)
  }

  claim(wanted: string): string {
    const base = isPlainIdentifier(wanted) ? wanted : `T${pascalCase(wanted)}`
    let name = base
    for (let suffix = 2; this.#taken.has(name); suffix++) name = `${base}${suffix}`
    this.#taken.add(name)
    return name
  }
}
