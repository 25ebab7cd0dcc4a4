// JSON Schema -> Python type: str/int/float/bool/None, Literal for enum and const, list, dict[str, T]
// for additionalProperties, unions for anyOf/oneOf/type lists/nullable, TypedDicts for objects with
// properties (nested ones named after their parent and key), `$ref` into `$defs` (pydantic) or
// `definitions` (zod-to-json-schema), and Any for whatever a Python type cannot say.
import type { JsonSchema } from '../../types.js'
import type { PythonModule } from './python-module.js'
import { pascalPart } from './python-names.js'
import { ANY, NEVER, NONE, type PyType, named, render, union } from './python-type.js'
import { defineTypedDict, type TypedDictField } from './typed-dict.js'

/** Where a schema sits: its document (for `$ref`), and the names its `$defs` already got. */
interface Root {
  schema: JsonSchema
  name: string
  refs: Map<string, PyType>
}

/** The name an object would get: `hint`, claimed only when a class is really written. */
interface Namer {
  hint: string
  claim(): string
}

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value)

export class SchemaToPython {
  readonly #module: PythonModule
  // Shared top-level schemas by their JSON: a step's input that is its topic's payload reuses it.
  readonly #shared = new Map<string, PyType>()

  constructor(module: PythonModule) {
    this.#module = module
  }

  /**
   * Defines `name` as the type of `schema` (a TypedDict, or an alias). `share` offers it to later
   * definitions of the same schema; `reuse` takes such an earlier one instead (a step's input that is
   * its topic's payload becomes an alias of it).
   */
  define(schema: JsonSchema, name: string, doc: string, sharing?: 'share' | 'reuse'): void {
    const key = JSON.stringify(schema)
    const known = sharing === 'reuse' ? this.#shared.get(key) : undefined
    if (known) return this.#module.alias(name, known, doc)
    const root: Root = { schema, name, refs: new Map() }
    const type = this.#typeOf(schema, root, { hint: name, claim: () => name }, doc)
    if (!(type.kind === 'name' && type.name === name)) this.#module.alias(name, type, doc)
    if (sharing === 'share' && !this.#shared.has(key)) this.#shared.set(key, named(name))
  }

  #namer(hint: string): Namer {
    return { hint, claim: () => this.#module.names.claim(hint) }
  }

  // The namer claims a name only when an object needs a class, so scalar schemas use no names.
  #typeOf(schema: unknown, root: Root, namer: Namer, doc: string): PyType {
    if (schema === false) return NEVER
    if (!isObject(schema)) return ANY
    const nested = (sub: unknown, suffix: string, what: string) => this.#typeOf(sub, root, this.#namer(`${namer.hint}${suffix}`), what)
    if (typeof schema.$ref === 'string') return this.#ref(schema.$ref, root)
    if ('const' in schema) return literalOf([schema.const])
    if (Array.isArray(schema.enum)) return literalOf(schema.enum)
    const options = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined
    if (options) return union(options.map((option, index) => nested(option, `Variant${index + 1}`, `Variant ${index + 1} of ${namer.hint}.`)))
    if (Array.isArray(schema.allOf)) return this.#allOf(schema, schema.allOf, root, namer, doc)
    const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : inferredTypes(schema)
    if (types.length === 0) return ANY
    const mapped = types.map((type): PyType => {
      switch (type) {
        case 'string':
          return named('str')
        case 'integer':
          return named('int')
        case 'number':
          return named('float')
        case 'boolean':
          return named('bool')
        case 'null':
          return NONE
        case 'array':
          return { kind: 'list', item: isObject(schema.items) ? nested(schema.items, 'Item', `An item of ${namer.hint}.`) : ANY }
        case 'object':
          return this.#object(schema, root, namer, doc)
        default:
          return ANY
      }
    })
    return union(schema.nullable === true ? [...mapped, NONE] : mapped)
  }

  #object(schema: JsonSchema, root: Root, namer: Namer, doc: string): PyType {
    const properties = isObject(schema.properties) ? Object.entries(schema.properties) : []
    if (properties.length === 0) {
      const extra = schema.additionalProperties
      return { kind: 'dict', value: isObject(extra) ? this.#typeOf(extra, root, this.#namer(`${namer.hint}Value`), `A value of ${namer.hint}.`) : ANY }
    }
    const name = namer.claim()
    const required = new Set(Array.isArray(schema.required) ? schema.required : [])
    const fields: TypedDictField[] = properties.map(([key, sub]) => ({
      key,
      required: required.has(key),
      type: this.#typeOf(sub, root, this.#namer(`${name}${pascalPart(key)}`), `The "${key}" field of ${name}.`),
    }))
    const description = [doc, typeof schema.description === 'string' ? schema.description : ''].filter(Boolean).join(' ')
    defineTypedDict(this.#module, name, fields, description || `The object ${name}.`)
    return named(name)
  }

  // An intersection: objects merge into one TypedDict (keys of all, required by any); identical types
  // stay as they are; anything else is beyond Python types.
  #allOf(schema: JsonSchema, members: unknown[], root: Root, namer: Namer, doc: string): PyType {
    if (members.length === 1) return this.#typeOf(members[0], root, namer, doc)
    const objects = members.map((member) => (isObject(member) && typeof member.$ref === 'string' ? this.#resolve(member.$ref, root) : member))
    if (objects.every((member) => isObject(member) && (member.type === 'object' || isObject(member.properties)))) {
      return this.#typeOf(mergeObjects(objects as JsonSchema[], schema), root, namer, doc)
    }
    const types = members.map((member, index) => this.#typeOf(member, root, this.#namer(`${namer.hint}Part${index + 1}`), ''))
    const first = render(types[0] as PyType)
    return types.every((type) => render(type) === first) ? (types[0] as PyType) : ANY
  }

  #ref(ref: string, root: Root): PyType {
    if (ref === '#') return named(root.name)
    const known = root.refs.get(ref)
    if (known) return known
    const target = this.#resolve(ref, root)
    if (target === undefined) return ANY
    const defName = decodeURIComponent(ref.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~')
    // Recorded before translating, so that a recursive model refers to its own class (Any until named).
    const placeholder = { kind: 'name', name: 'Any' } as { kind: 'name'; name: string }
    root.refs.set(ref, placeholder)
    let claimed: string | undefined
    const hint = `${root.name}${pascalPart(defName)}`
    const claim = () => (claimed ??= placeholder.name = this.#module.names.claim(hint))
    const type = this.#typeOf(target, root, { hint, claim }, `The "${defName}" definition of ${root.name}.`)
    if (type.kind === 'name' && type.name === claimed) return placeholder
    root.refs.set(ref, type)
    return type
  }

  // A topic payload merged from several subscribers is `{allOf: [...]}` of whole documents: their
  // `$defs` stay inside each member, so those are searched too.
  #resolve(ref: string, root: Root): unknown {
    const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref)
    if (!match) return undefined
    const key = decodeURIComponent(match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~')
    const documents = [root.schema, ...(Array.isArray(root.schema.allOf) ? root.schema.allOf : [])]
    for (const document of documents) {
      const defs = isObject(document) ? document[match[1] as string] : undefined
      if (isObject(defs) && defs[key] !== undefined) return defs[key]
    }
    return undefined
  }
}

function inferredTypes(schema: JsonSchema): string[] {
  if (isObject(schema.properties) || isObject(schema.additionalProperties)) return ['object']
  if (schema.items !== undefined) return ['array']
  return []
}

// Literal takes str, int, bool and None; any other value (a float, an object) makes the type Any.
function literalOf(values: readonly unknown[]): PyType {
  const literals: string[] = []
  let nullable = false
  for (const value of values) {
    if (value === null) nullable = true
    else if (typeof value === 'string') literals.push(JSON.stringify(value))
    else if (typeof value === 'boolean') literals.push(value ? 'True' : 'False')
    else if (typeof value === 'number' && Number.isSafeInteger(value)) literals.push(String(value))
    else return ANY
  }
  const types: PyType[] = literals.length > 0 ? [{ kind: 'literal', values: literals }] : []
  return union(nullable ? [...types, NONE] : types)
}

function mergeObjects(members: readonly JsonSchema[], outer: JsonSchema): JsonSchema {
  const properties: Record<string, unknown> = {}
  const required = new Set<string>()
  for (const member of members) {
    for (const [key, sub] of Object.entries(isObject(member.properties) ? member.properties : {})) {
      const before = properties[key]
      properties[key] = before === undefined || JSON.stringify(before) === JSON.stringify(sub) ? sub : { allOf: [before, sub] }
    }
    for (const key of Array.isArray(member.required) ? member.required : []) if (typeof key === 'string') required.add(key)
  }
  const description = typeof outer.description === 'string' ? { description: outer.description } : {}
  return { type: 'object', properties, required: [...required], ...description }
}
