// A Python type expression as a small tree: unions flatten and dedupe before they are written. Unions
// are written `A | B`, which Python 3.10 also evaluates at run time (in aliases) for every kind here.

export type PyType =
  /** A name: `str`, `Any`, a generated TypedDict. */
  | { kind: 'name'; name: string }
  | { kind: 'list'; item: PyType }
  | { kind: 'dict'; value: PyType }
  /** Values already rendered as Python literals (`"a"`, `1`, `True`). */
  | { kind: 'literal'; values: string[] }
  | { kind: 'union'; items: PyType[] }

export const ANY: PyType = { kind: 'name', name: 'Any' }
export const NONE: PyType = { kind: 'name', name: 'None' }
/** The type no value has: a conflict's payload, the schema `false`. */
export const NEVER: PyType = { kind: 'name', name: 'NoReturn' }

export const named = (name: string): PyType => ({ kind: 'name', name })

/** A union without duplicates, flattened; a union with `Any` in it is `Any`. */
export function union(items: readonly PyType[]): PyType {
  const flat: PyType[] = []
  const seen = new Set<string>()
  for (const item of items.flatMap((type) => (type.kind === 'union' ? type.items : [type]))) {
    const key = render(item)
    if (key === 'Any') return ANY
    if (!seen.has(key)) seen.add(key), flat.push(item)
  }
  if (flat.length === 0) return NEVER
  return flat.length === 1 ? (flat[0] as PyType) : { kind: 'union', items: flat }
}

export function render(type: PyType): string {
  switch (type.kind) {
    case 'name':
      return type.name
    case 'list':
      return `list[${render(type.item)}]`
    case 'dict':
      return `dict[str, ${render(type.value)}]`
    case 'literal':
      return `Literal[${type.values.join(', ')}]`
    case 'union':
      return type.items.map(render).join(' | ')
  }
}

/** The typing names a rendered type uses, to import exactly those. */
export function typingNames(type: PyType): string[] {
  switch (type.kind) {
    case 'name':
      return ['Any', 'NoReturn'].includes(type.name) ? [type.name] : []
    case 'list':
      return typingNames(type.item)
    case 'dict':
      return typingNames(type.value)
    case 'literal':
      return ['Literal']
    case 'union':
      return type.items.flatMap(typingNames)
  }
}
