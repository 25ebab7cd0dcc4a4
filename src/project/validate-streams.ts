// Checks every stream file's config: a name (unique), default storage, a schema that compiles.
import type { StepProblem } from '../errors.js'
import type { Language } from '../languages/language.js'
import { compileSchema } from '../schema/validator.js'
import type { StreamDefinition, StreamFileDefinition } from '../streams/stream-definition.js'
import { showValue } from './config-messages.js'
import { relativePath } from './relative-path.js'

export interface LoadedStreamFile {
  def: StreamFileDefinition
  runtime: Language
}

/** Valid streams, and a problem (naming the file) for each thing wrong in the others. Never throws. */
export function validateStreams(files: LoadedStreamFile[], root: string): { streams: StreamDefinition[]; problems: StepProblem[] } {
  const problems: StepProblem[] = []
  const streams: StreamDefinition[] = []
  const owners = new Map<string, string>()
  for (const { def, runtime } of files) {
    const file = relativePath(root, def.filePath)
    const messages = checkStream(def)
    const name = def.config.name
    if (typeof name === 'string' && name !== '') {
      const owner = owners.get(name)
      if (owner) messages.push(`stream name ${JSON.stringify(name)} is already used by ${owner}: stream names must be unique`)
      else owners.set(name, file)
    }
    for (const message of messages) problems.push({ filePath: file, message })
    if (messages.length > 0) continue
    const { schema, hasCanAccess } = def.config
    streams.push({ name: name as string, filePath: def.filePath, relativePath: file, language: def.language, schema: schema ?? null, hasCanAccess, runtime })
  }
  return { streams, problems }
}

function checkStream(def: StreamFileDefinition): string[] {
  const { name, schema, baseConfig } = def.config
  const messages: string[] = []
  if (name === undefined) messages.push('`name` is missing: give the stream a name, e.g. `name: "messages"` (steps use it as ctx.streams.messages)')
  else if (typeof name !== 'string' || name === '') messages.push(`\`name\` must be a non-empty string, got ${showValue(name)}`)
  messages.push(...checkBaseConfig(baseConfig))
  if (schema === undefined || schema === null) {
    messages.push('`schema` is missing: give the item schema (zod, JSON Schema, or a pydantic model in Python)')
  } else {
    try {
      compileSchema(schema)
    } catch (error) {
      const cause = (error as Error).cause
      messages.push(`\`schema\` is not a valid JSON Schema: ${cause instanceof Error ? cause.message : (error as Error).message}`)
    }
  }
  return messages
}

// Motia v0.x let a stream bring its own storage (`storageType: 'custom'` with a `factory`): refused, not ignored.
function checkBaseConfig(baseConfig: unknown): string[] {
  if (baseConfig === undefined) return []
  const storageType = (baseConfig as { storageType?: unknown } | null)?.storageType
  if (typeof baseConfig !== 'object' || baseConfig === null || Array.isArray(baseConfig)) {
    return [`\`baseConfig\` must be { storageType: 'default' }, got ${showValue(baseConfig)}`]
  }
  if (storageType === 'default' || storageType === undefined) return []
  if (storageType === 'custom') {
    return [
      "`baseConfig.storageType: 'custom'` is not supported: motia keeps every stream in its embedded database (.motia/motia.db) and cannot call a storage `factory`. Use `baseConfig: { storageType: 'default' }`",
    ]
  }
  return [`\`baseConfig.storageType\` must be 'default', got ${showValue(storageType)}`]
}
