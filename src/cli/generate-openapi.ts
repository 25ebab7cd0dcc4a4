import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { openApiDocument, projectInfo } from '../openapi/index.js'
import { loadProjectForCommand } from './load-project-for-command.js'

export interface GenerateOpenApiFlags {
  project: string
  /** Relative to the current folder. */
  output: string
  title?: string
  version?: string
}

/** `motia generate openapi`: writes the OpenAPI 3.1 document of the project's API steps. */
export async function generateOpenApi(flags: GenerateOpenApiFlags, log: (line: string) => void): Promise<void> {
  const { root, steps } = await loadProjectForCommand(flags.project)
  const info = await projectInfo(root)
  const document = openApiDocument(steps, { title: flags.title ?? info.title, version: flags.version ?? info.version })
  const output = resolve(flags.output)
  await mkdir(dirname(output), { recursive: true })
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`)
  const operations = Object.values(document.paths).reduce((count, item) => count + Object.keys(item).length, 0)
  log(`Wrote ${output}: OpenAPI 3.1, ${operations} operation${operations === 1 ? '' : 's'}`)
}
