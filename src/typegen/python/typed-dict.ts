// A TypedDict definition without `NotRequired` (typing has it from Python 3.11 only, and motia
// supports 3.10 without typing_extensions): required keys sit in a total base class, optional keys
// in a `total=False` subclass. Keys that cannot be class fields use the functional syntax.
import { comment, docstring, type PythonModule, pyString } from './python-module.js'
import { isPlainIdentifier } from './python-names.js'
import type { PyType } from './python-type.js'

export interface TypedDictField {
  key: string
  type: PyType
  required: boolean
}

export function defineTypedDict(module: PythonModule, name: string, fields: readonly TypedDictField[], doc: string): void {
  module.useTyping('TypedDict')
  const required = fields.filter((field) => field.required)
  const optional = fields.filter((field) => !field.required)
  const plain = (part: readonly TypedDictField[]) => part.every((field) => isPlainIdentifier(field.key))
  if (required.length === 0 || optional.length === 0) {
    const total = optional.length === 0
    module.define(plain(fields) ? classCode(module, name, 'TypedDict', fields, total, doc) : functionalCode(module, name, fields, total, doc))
    return
  }
  const base = module.names.claim(`_${name}Required`)
  const baseDoc = `The keys of ${name} that are required.`
  module.define(plain(required) ? classCode(module, base, 'TypedDict', required, true, baseDoc) : functionalCode(module, base, required, true, baseDoc))
  if (plain(optional)) {
    module.define(classCode(module, name, base, optional, false, doc))
    return
  }
  const rest = module.names.claim(`_${name}Optional`)
  module.define(functionalCode(module, rest, optional, false, `The keys of ${name} that are optional.`))
  module.define(`class ${name}(${base}, ${rest}):\n${docstring(doc, '    ')}`)
}

function classCode(module: PythonModule, name: string, base: string, fields: readonly TypedDictField[], total: boolean, doc: string): string {
  const lines = [`class ${name}(${base}${total ? '' : ', total=False'}):`, docstring(doc, '    ')]
  if (fields.length > 0) lines.push('')
  for (const field of fields) lines.push(`    ${field.key}: ${module.type(field.type)}`)
  return lines.join('\n')
}

// Values are strings: Python evaluates this form at import, and a string is never a forward reference error.
function functionalCode(module: PythonModule, name: string, fields: readonly TypedDictField[], total: boolean, doc: string): string {
  const entries = fields.map((field) => `    ${pyString(field.key)}: ${pyString(module.type(field.type))},`)
  const body = entries.length > 0 ? `{\n${entries.join('\n')}\n}` : '{}'
  return `${comment(doc)}\n${name} = TypedDict(${pyString(name)}, ${body}${total ? '' : ', total=False'})`
}
