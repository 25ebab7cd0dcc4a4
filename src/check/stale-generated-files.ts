// Generated files (types.d.ts, motia_types.py) against what the steps would generate now.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GeneratedFile } from '../typegen/generated-file.js'
import type { Finding } from './finding.js'

/**
 * A file that is missing is a warning (the project may not use generated types); a file whose content
 * differs from `files` is an error naming the fix. Line endings are ignored: git may rewrite them.
 */
export async function staleGeneratedFiles(root: string, files: readonly GeneratedFile[]): Promise<{ errors: Finding[]; warnings: Finding[] }> {
  const errors: Finding[] = []
  const warnings: Finding[] = []
  for (const file of files) {
    const onDisk = await readFile(join(root, file.path), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (onDisk === undefined) {
      warnings.push({ code: 'generated-file-missing', file: file.path, message: 'not generated yet: run motia generate-types' })
    } else if (normalized(onDisk) !== normalized(file.content)) {
      errors.push({
        code: 'generated-file-stale',
        file: file.path,
        message: 'stale: it does not match the steps any more. Run motia generate-types and commit the result',
      })
    }
  }
  return { errors, warnings }
}

const normalized = (text: string): string => text.replaceAll('\r\n', '\n')
