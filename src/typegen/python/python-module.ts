// The generated module being written: its names, its imports and its definitions in order.
import { NameRegistry } from './python-names.js'
import { type PyType, render, typingNames } from './python-type.js'

// Names the module imports or Python gives it: never used for a generated type.
const RESERVED = [
  'Any', 'Literal', 'NoReturn', 'Protocol', 'TYPE_CHECKING', 'TypeAlias', 'TypedDict', 'annotations',
  'ContextBase', 'MotiaStream', 'str', 'int', 'float', 'bool', 'list', 'dict', 'object', 'type', 'None',
]

export class PythonModule {
  readonly names = new NameRegistry(RESERVED)
  readonly #typing = new Set<string>()
  readonly #motia = new Set<string>()
  readonly #definitions: string[] = []

  /** Renders `type` and records the typing names it needs. */
  type(type: PyType): string {
    for (const name of typingNames(type)) this.#typing.add(name)
    return render(type)
  }

  useTyping(...names: string[]): void {
    for (const name of names) this.#typing.add(name)
  }

  useMotia(name: string): void {
    this.#motia.add(name)
  }

  /** Appends a top-level definition; definitions a type needs are appended before it. */
  define(code: string): void {
    this.#definitions.push(code)
  }

  /** `name: TypeAlias = type`, with a comment above it. */
  alias(name: string, type: PyType, doc?: string): void {
    this.useTyping('TypeAlias')
    const above = doc ? `${comment(doc)}\n` : ''
    this.define(`${above}${name}: TypeAlias = ${this.type(type)}`)
  }

  source(header: string): string {
    const imports = ['from __future__ import annotations', '']
    if (this.#typing.size > 0) imports.push(`from typing import ${isortOrder([...this.#typing]).join(', ')}`, '')
    if (this.#motia.size > 0) imports.push(`from motia import ${[...this.#motia].sort().join(', ')}`, '')
    const body = this.#definitions.join('\n\n\n')
    return `${header}\n${imports.join('\n')}\n\n${body}\n`
  }
}

/** A Python string literal (JSON's escapes are all valid Python escapes). */
export const pyString = (text: string): string => JSON.stringify(text)

/** A docstring: one paragraph, wrapped, with nothing that could end it early. */
export function docstring(text: string, indent: string): string {
  const lines = wrap(text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'), 94 - indent.length - 6)
  const last = lines.length - 1
  if ((lines[last] as string).endsWith('"')) lines[last] = `${(lines[last] as string).slice(0, -1)}\\"`
  if (lines.length === 1) return `${indent}"""${lines[0]}"""`
  return `${indent}"""${lines.join(`\n${indent}`)}\n${indent}"""`
}

/** `# ` comment lines, wrapped. */
export const comment = (text: string): string => wrap(text, 96).map((line) => `# ${line}`.trimEnd()).join('\n')

// Lines of at most `width` characters (a longer word stays whole), so that the file passes
// line-length checks of 100 and more.
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) lines.push(line), (line = '')
    line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines
}

// isort's order (ruff's default): CONSTANTS, then Classes, each alphabetical.
function isortOrder(names: string[]): string[] {
  const constant = (name: string) => name === name.toUpperCase()
  return [...names.filter(constant).sort(), ...names.filter((name) => !constant(name)).sort()]
}
