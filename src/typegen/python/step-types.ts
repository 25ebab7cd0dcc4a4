// Per step: its typed context (an `emit` that takes its declared topics only), its input, and for
// API steps the request, body, path parameters and response bodies.
import type { ContractApi, ContractStep } from '../../contract/index.js'
import { type PythonModule, docstring } from './python-module.js'
import { pascalCase, pascalPart } from './python-names.js'
import { ANY, NEVER, type PyType, named, union } from './python-type.js'
import type { SchemaToPython } from './schema-to-python.js'
import { defineTypedDict } from './typed-dict.js'

export interface StepNames {
  context: string
  emit: string
  input?: string
  api?: { request: string; body: string; pathParams: string; responses: Record<string, string> }
}

/** Claims the names of a step's types first, so that they do not depend on its topics' names. */
export function claimStepNames(module: PythonModule, step: ContractStep): StepNames | undefined {
  if (step.type === 'noop') return undefined
  const base = pascalCase(step.name)
  const claim = (suffix: string) => module.names.claim(`${base}${suffix}`)
  const names: StepNames = { context: claim('Context'), emit: claim('Emit') }
  if (step.type === 'event') names.input = claim('Input')
  if (step.api) {
    const responses = Object.fromEntries(Object.keys(step.api.responses).map((status) => [status, claim(`Response${pascalPart(status)}`)]))
    names.api = { request: claim('Request'), body: claim('Body'), pathParams: claim('PathParams'), responses }
  }
  return names
}

export function defineStep(
  module: PythonModule,
  schemas: SchemaToPython,
  step: ContractStep,
  names: StepNames,
  events: ReadonlyMap<string, string>,
  /** The project's typed `context.streams`, when it has streams. */
  streams: string | undefined,
): void {
  const where = `step ${step.name} (${step.file})`
  if (names.input) {
    // The runner passes a pydantic model's instance instead: the TypedDict still says what the data is.
    const model = step.language === 'python' ? ' (an input declared as a pydantic model arrives as the model: annotate with it)' : ''
    if (step.input) schemas.define(step.input, names.input, `What the handler of ${where} receives${model}.`, 'reuse')
    else module.alias(names.input, ANY, `What the handler of ${where} receives: it declares no input schema.`)
  }
  if (step.api && names.api) defineApi(module, schemas, step.api, names.api, where)
  const emitted = step.emits.flatMap((topic) => {
    const event = events.get(topic)
    return event ? [named(event)] : []
  })
  const emitDoc = emitted.length > 0 ? `What the ${where} may emit.` : `What the ${where} may emit: nothing, it declares no emits.`
  module.alias(names.emit, emitted.length > 0 ? union(emitted) : NEVER, emitDoc)
  module.useTyping('Any', 'Protocol')
  module.useMotia('ContextBase')
  const doc = `The context of ${where}: emit takes only the step's declared topics, with their subscribers' data.`
  const members = streams ? ['    @property', `    def streams(self) -> ${streams}: ...`] : []
  members.push(`    def emit(self, event: ${names.emit}, /) -> Any: ...`)
  module.define(`class ${names.context}(ContextBase, Protocol):\n${docstring(doc, '    ')}\n\n${members.join('\n')}`)
}

function defineApi(module: PythonModule, schemas: SchemaToPython, api: ContractApi, names: NonNullable<StepNames['api']>, where: string): void {
  if (api.body) schemas.define(api.body, names.body, `The request body of ${where}.`)
  else module.alias(names.body, ANY, `The request body of ${where}: it declares no bodySchema (None when the request has none).`)
  for (const [status, schema] of Object.entries(api.responses)) {
    schemas.define(schema, names.responses[status] as string, `The response body of ${where} for status ${status}.`)
  }
  const pathParams = api.pathParams.map((key) => ({ key, type: named('str'), required: true }))
  defineTypedDict(module, names.pathParams, pathParams, `The path parameters of ${where} (${api.method} ${api.path}).`)
  const values: PyType = union([named('str'), { kind: 'list', item: named('str') }])
  defineTypedDict(
    module,
    names.request,
    [
      { key: 'pathParams', type: named(names.pathParams), required: true },
      { key: 'queryParams', type: { kind: 'dict', value: values }, required: true },
      { key: 'body', type: named(names.body), required: true },
      { key: 'headers', type: { kind: 'dict', value: values }, required: true },
      { key: 'rawBody', type: named('str'), required: true },
    ],
    `What the handler of ${where} receives (${api.method} ${api.path}).`,
  )
}
