// Per stream: its item type and a typed view of `context.streams.<name>`; all of them as the
// `streams` property of every step's context.
import type { ContractStream } from '../../contract/index.js'
import { docstring, type PythonModule } from './python-module.js'
import { isPlainIdentifier, pascalCase } from './python-names.js'
import { ANY } from './python-type.js'
import type { SchemaToPython } from './schema-to-python.js'

export interface StreamNames {
  item: string
  stream: string
}

export function claimStreamNames(module: PythonModule, stream: ContractStream): StreamNames {
  const base = pascalCase(stream.name)
  return { item: module.names.claim(`${base}StreamItem`), stream: module.names.claim(`${base}Stream`) }
}

export function defineStream(module: PythonModule, schemas: SchemaToPython, stream: ContractStream, names: StreamNames): void {
  const doc = `An item of stream "${stream.name}" (${stream.file}).`
  if (stream.schema) schemas.define(stream.schema, names.item, doc)
  else module.alias(names.item, ANY, `${doc} It declares no schema.`)
  module.useTyping('Any', 'Protocol')
  // Returns are Any, as in motia.MotiaStream: an awaitable in an async handler, the value in a sync one.
  const methods = [
    'def get(self, group_id: str, id: str) -> Any: ...',
    `def set(self, group_id: str, id: str, data: ${names.item}) -> Any: ...`,
    'def delete(self, group_id: str, id: str) -> Any: ...',
    'def get_group(self, group_id: str) -> Any: ...',
    'def getGroup(self, group_id: str) -> Any: ...',
    'def send(self, channel: dict[str, Any], event: dict[str, Any]) -> Any: ...',
  ]
  const streamDoc = `context.streams.${stream.name}: set takes a ${names.item}.`
  module.define(`class ${names.stream}(Protocol):\n${docstring(streamDoc, '    ')}\n\n${methods.map((line) => `    ${line}`).join('\n')}`)
}

/** `context.streams`: one property per stream whose name is an identifier; `streams["a-b"]` for the others. */
export function defineProjectStreams(module: PythonModule, streams: readonly { stream: ContractStream; names: StreamNames }[]): string {
  const name = module.names.claim('ProjectStreams')
  module.useMotia('MotiaStream')
  const lines = [`class ${name}(Protocol):`, docstring("context.streams: the project's streams.", '    '), '']
  for (const { stream, names } of streams) {
    if (isPlainIdentifier(stream.name)) lines.push('    @property', `    def ${stream.name}(self) -> ${names.stream}: ...`)
  }
  lines.push('    def __getitem__(self, name: str) -> MotiaStream: ...')
  module.define(lines.join('\n'))
  return name
}
