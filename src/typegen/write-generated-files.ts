// Writes the generated files into a project, leaving alone those whose content is already right (so
// editors and file watchers see no change when nothing changed).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ProjectContract } from '../contract/index.js'
import type { GeneratedFile } from './generated-file.js'
import { generatedFiles } from './generated-files.js'

/** Writes every generated file of `contract` whose content changed; returns the paths written (relative, `/`-separated). */
export async function writeGeneratedFiles(root: string, contract: ProjectContract): Promise<string[]> {
  const written: string[] = []
  for (const file of generatedFiles(contract)) {
    if (await writeIfChanged(root, file)) written.push(file.path)
  }
  return written
}

async function writeIfChanged(root: string, file: GeneratedFile): Promise<boolean> {
  const target = join(root, file.path)
  const current = await readFile(target, 'utf8').catch(() => undefined)
  if (current === file.content) return false
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, file.content)
  return true
}
