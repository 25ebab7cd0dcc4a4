// Per topic: its payload type (what every subscriber accepts) and its event type, what `emit` takes.
import type { ContractTopic } from '../../contract/index.js'
import { type PythonModule, docstring, pyString } from './python-module.js'
import { ANY, NEVER } from './python-type.js'
import type { SchemaToPython } from './schema-to-python.js'

export interface TopicNames {
  payload: string
  event: string
}

/** The shared base of non-fifo events: `messageGroupId` may be given, and is then ignored. */
export function defineEventOptions(module: PythonModule): string {
  const name = module.names.claim('_EventOptions')
  module.useTyping('TypedDict')
  module.define(`class ${name}(TypedDict, total=False):\n${docstring('What any event may carry besides topic and data.', '    ')}\n\n    messageGroupId: str`)
  return name
}

export function defineTopic(module: PythonModule, schemas: SchemaToPython, topic: ContractTopic, names: TopicNames, eventBase: string): void {
  const { payload } = topic
  const takers = topic.subscribers.length > 0 ? `, as every subscriber (${topic.subscribers.join(', ')}) accepts it` : ' (no step subscribes to it)'
  if (payload.kind === 'schema') {
    schemas.define(payload.schema, names.payload, `The data of topic "${topic.topic}"${takers}.`, 'share')
  } else if (payload.kind === 'any') {
    module.alias(names.payload, ANY, `The data of topic "${topic.topic}": any value (no subscriber declares an input).`)
  } else {
    // No value satisfies every subscriber: any emit to this topic fails type checking, with this comment next to it.
    module.alias(names.payload, NEVER, `The data of topic "${topic.topic}": none can be valid. ${payload.message}`)
  }
  module.useTyping('Literal', 'TypedDict')
  const doc = topic.fifo
    ? `An event on topic "${topic.topic}". A subscriber is fifo: messageGroupId orders delivery and is required.`
    : `An event on topic "${topic.topic}".`
  const lines = [
    `class ${names.event}(${topic.fifo ? 'TypedDict' : eventBase}):`,
    docstring(doc, '    '),
    '',
    `    topic: Literal[${pyString(topic.topic)}]`,
    `    data: ${names.payload}`,
  ]
  if (topic.fifo) lines.push('    messageGroupId: str')
  module.define(lines.join('\n'))
}
